using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>Daraja's validation rules for STK Push and STK Query fields (REFERENCE.md §2.2, §2.4, §6.1).</summary>
internal static partial class StkFieldRules
{
    public const int MinAmount = 1;
    public const int MaxAmount = 250_000;
    public const int MaxAccountReferenceLength = 12;
    public const int MaxTransactionDescLength = 13;

    /// <summary>How far a Timestamp may be from East Africa Time now. A client that sends UTC is 3 hours off.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromHours(1);

    /// <summary>12-digit Safaricom MSISDN: 2547XXXXXXXX or 2541XXXXXXXX.</summary>
    public static bool IsMsisdn(string text) => MsisdnPattern().IsMatch(text);

    /// <summary>Paybill or till number: 5 to 7 digits.</summary>
    public static bool IsPartyB(string text) => PartyBPattern().IsMatch(text);

    public static bool IsCurrentTimestamp(string timestamp, DateTimeOffset now) =>
        EastAfricaTime.TryParseTimestamp(timestamp, out var instant) && (instant - now).Duration() <= TimestampTolerance;

    /// <summary>The same 14 digits read as UTC (what Safaricom's own Node library sends) are within the tolerance of now.</summary>
    public static bool IsCurrentUtcTimestamp(string timestamp, DateTimeOffset now) =>
        EastAfricaTime.TryParseTimestamp(timestamp, out var asEastAfricaTime)
        && (asEastAfricaTime + EastAfricaTime.Offset - now).Duration() <= TimestampTolerance;

    /// <summary>Amount: a JSON number or a numeric string, whole, 1 to 250,000. <c>10.5</c> and <c>"10.5"</c> are invalid.</summary>
    public static bool TryReadAmount(JsonElement body, out int amount)
    {
        amount = 0;
        if (!body.TryGetProperty("Amount", out var value))
        {
            return false;
        }

        decimal number;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetDecimal(out number):
                break;
            case JsonValueKind.String when value.GetString() is { } text
                && AmountTextPattern().IsMatch(text)
                && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number):
                break;
            default:
                return false;
        }

        if (number != decimal.Truncate(number) || number < MinAmount || number > MaxAmount)
        {
            return false;
        }

        amount = (int)number;
        return true;
    }

    /// <summary>An absolute http(s) URL with no whitespace and a host written in lowercase.</summary>
    public static bool TryReadCallbackUrl(string text, out Uri? url)
    {
        url = null;
        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || parsed.Host.Length == 0)
        {
            return false;
        }

        // Uri lowercases the host, so look at the host as the client wrote it.
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return false;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = text.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = text[authorityStart..(authorityEnd < 0 ? text.Length : authorityEnd)];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.Any(char.IsAsciiLetterUpper))
        {
            return false;
        }

        url = parsed;
        return true;
    }

    /// <summary>base64(UTF8(shortcode + passkey + timestamp)), standard alphabet, no line breaks.</summary>
    public static string ExpectedPassword(string businessShortCode, string passkey, string timestamp) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(businessShortCode + passkey + timestamp));

    [GeneratedRegex(@"^254[71][0-9]{8}\z", RegexOptions.CultureInvariant)]
    private static partial Regex MsisdnPattern();

    [GeneratedRegex(@"^[0-9]{5,7}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PartyBPattern();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex AmountTextPattern();
}
