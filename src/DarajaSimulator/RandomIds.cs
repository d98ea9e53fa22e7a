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
    private static long _conversationCounter = RandomNumberGenerator.GetInt32(1_000_000, 8_000_000);

    /// <summary>An OAuth access token: 28 random alphanumerics.</summary>
    public static string AccessToken() => RandomNumberGenerator.GetString(Alphanumerics, 28);

    /// <summary>Like <c>1c5b-4ba8-815c-ac45c57a3db01495926</c>: used for requestId and MerchantRequestID.</summary>
    public static string RequestId() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Hex(4)}-{Hex(4)}-{Hex(4)}-{Hex(12)}{Interlocked.Increment(ref _requestCounter)}");

    /// <summary>
    /// A unique M-Pesa receipt number: 10 uppercase alphanumerics, e.g. <c>QKH94M1Z11</c>. It ends in <c>7</c> exactly
    /// when <paramref name="endsWithSeven"/> is true, and never starts with <c>QTO</c>: both are test hooks of
    /// Transaction Status (see <see cref="Scenarios.ScenarioTable"/>) that no ordinary receipt may trigger.
    /// </summary>
    public static string ReceiptNumber(bool endsWithSeven = false)
    {
        // The last character of successive counters cycles through all 36 digits, so this loop is short
        // (1 to 2 rounds, or up to 36 for a '7'), and skipping counters keeps receipts unique.
        while (true)
        {
            var counter = Interlocked.Increment(ref _receiptCounter) % ReceiptModulus;
            var scrambled = (long)((UInt128)(ulong)counter * ReceiptMultiplier % ReceiptModulus);
            if ((Base36Digits[(int)(scrambled % 36)] == '7') != endsWithSeven)
            {
                continue;
            }

            Span<char> receipt = stackalloc char[10];
            for (var i = receipt.Length - 1; i >= 2; i--)
            {
                receipt[i] = Base36Digits[(int)(scrambled % 36)];
                scrambled /= 36;
            }

            // "QTO…" is Transaction Status's queue-timeout hook: a real receipt must never start with it.
            do
            {
                receipt[0] = UppercaseLetters[RandomNumberGenerator.GetInt32(UppercaseLetters.Length)];
                receipt[1] = UppercaseLetters[RandomNumberGenerator.GetInt32(UppercaseLetters.Length)];
            }
            while (receipt.StartsWith("QTO", StringComparison.Ordinal));

            return new string(receipt);
        }
    }

    /// <summary>Transaction Status OriginatorConversationID, like <c>1236-7134259-1</c>.</summary>
    public static string OriginatorConversationId() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{RandomNumberGenerator.GetInt32(1_000, 10_000)}-{Interlocked.Increment(ref _conversationCounter)}-1");

    /// <summary>Transaction Status ConversationID, like <c>AG_20210709_1234409f86436c583e3f</c>: the EAT date and 20 hex digits.</summary>
    public static string ConversationId(DateTimeOffset now) =>
        "AG_" + EastAfricaTime.Format(now, "yyyyMMdd") + "_" + Hex(20);

    private static string Hex(int length) => RandomNumberGenerator.GetHexString(length, lowercase: true);
}
