using System.Globalization;
using System.Text.RegularExpressions;
using Shield.Domain.Payments;

namespace Shield.WebApi.OperatorConsole.Display;

/// <summary>How the console writes numbers, times and phone numbers: masked unless an Admin revealed one.</summary>
public static partial class ConsoleText
{
    private static readonly TimeSpan EastAfrica = TimeSpan.FromHours(3);

    /// <summary>A phone number as everyone sees it: <c>2547******49</c>.</summary>
    public static string Phone(string? phone) => Msisdn.Mask(phone);

    /// <summary>
    /// Text with every phone-like number masked: a 07/01/7/1/2547/+2547... number, also written with spaces, dashes or
    /// plus signs between its digits (as people type them and as a query string carries them), and the number that ends a
    /// CheckoutRequestID. For raw callbacks, notes and anything else people typed or Safaricom sent.
    /// </summary>
    public static string MaskPhones(string? body) =>
        body is null ? string.Empty : CheckoutId().Replace(PhoneLike().Replace(body, m => MaskMatch(m.Value)), m => Msisdn.MaskIn(m.Value));

    /// <summary>A phone-like match as the one mask every page uses (<c>2547******78</c>), or unchanged when it is no Kenyan mobile number.</summary>
    private static string MaskMatch(string match)
    {
        var digits = string.Concat(match.Where(char.IsAsciiDigit));
        if (digits.Length != match.Length && digits[0] is not ('0' or '2'))
        {
            return match; // "100 200 300": numbers with gaps are a phone only when written from 0, 254 or +254
        }

        digits = digits.StartsWith("00254", StringComparison.Ordinal) ? digits[2..] : digits;
        digits = digits.StartsWith("2540", StringComparison.Ordinal) ? "254" + digits[4..] : digits;
        return Msisdn.TryParse(digits, out var phone) ? phone.Masked : match;
    }

    /// <summary>A webhook URL without what may carry a client's token (its query and user info): scheme, host and path.</summary>
    public static string Url(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" + (uri.Query.Length > 1 ? "?…" : string.Empty) : "-";

    /// <summary>Shillings, grouped: <c>KES 12,500</c>.</summary>
    public static string Kes(long amount) => "KES " + amount.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A time in East Africa Time, as the people reading it live it.</summary>
    public static string Time(DateTimeOffset? at) => at is { } value ? value.ToOffset(EastAfrica).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    public static string Age(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalMinutes < 1 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} d {age.Hours} h";
    }

    public static string Percent(double? ratio) => ratio is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "-";

    /// <summary>A date typed into a filter (yyyy-MM-dd, East Africa Time) as the UTC instant its day starts, or ends.</summary>
    public static DateTimeOffset? DayStart(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), EastAfrica) : null;

    public static DateTimeOffset? DayEnd(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MaxValue), EastAfrica) : null;

    // A number glued to letters before it (INV0712345678) is one too; one followed by a letter or digit is not (a GUID's
    // group, a longer number).
    [GeneratedRegex(@"(?<!\d)(?:(?:\+|00)?254[\s\-.()+]*0?|\(?0)?[17](?:[\s\-.()+]*\d){8}(?![\dA-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"ws_CO_\d{9,}", RegexOptions.CultureInvariant)]
    private static partial Regex CheckoutId();
}
