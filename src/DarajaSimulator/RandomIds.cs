using System.Globalization;
using System.Security.Cryptography;

namespace Shield.DarajaSimulator;

/// <summary>Identifiers shaped like the ones Daraja issues.</summary>
internal static class RandomIds
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UppercaseLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Base36Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    // Receipt numbers: 2 random letters + 8 base-36 digits of a scrambled counter. Multiplying by a number
    // coprime to 36 modulo 36^8 is a bijection, so receipts never repeat within a process yet do not look sequential.
    private const long ReceiptModulus = 2_821_109_907_456; // 36^8
    private const long ReceiptMultiplier = 1_500_450_271;  // odd, digit sum 25: coprime to 2 and 3

    private static long _requestCounter = RandomNumberGenerator.GetInt32(1_000, 1_000_000);
    private static long _receiptCounter = RandomNumberGenerator.GetInt32(0, int.MaxValue);

    /// <summary>An OAuth access token: 28 random alphanumerics.</summary>
    public static string AccessToken() => RandomNumberGenerator.GetString(Alphanumerics, 28);

    /// <summary>Like <c>1c5b-4ba8-815c-ac45c57a3db01495926</c>: used for requestId and MerchantRequestID.</summary>
    public static string RequestId() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Hex(4)}-{Hex(4)}-{Hex(4)}-{Hex(12)}{Interlocked.Increment(ref _requestCounter)}");

    /// <summary>A unique M-Pesa receipt number: 10 uppercase alphanumerics, e.g. <c>QKH94M1Z11</c>.</summary>
    public static string ReceiptNumber()
    {
        var counter = Interlocked.Increment(ref _receiptCounter) % ReceiptModulus;
        var scrambled = (long)((UInt128)(ulong)counter * ReceiptMultiplier % ReceiptModulus);
        Span<char> receipt = stackalloc char[10];
        receipt[0] = UppercaseLetters[RandomNumberGenerator.GetInt32(UppercaseLetters.Length)];
        receipt[1] = UppercaseLetters[RandomNumberGenerator.GetInt32(UppercaseLetters.Length)];
        for (var i = receipt.Length - 1; i >= 2; i--)
        {
            receipt[i] = Base36Digits[(int)(scrambled % 36)];
            scrambled /= 36;
        }

        return new string(receipt);
    }

    private static string Hex(int length) => RandomNumberGenerator.GetHexString(length, lowercase: true);
}
