using System.Globalization;

namespace Shield.DarajaSimulator;

/// <summary>Daraja works in Nairobi local time: UTC+3, no daylight saving.</summary>
internal static class EastAfricaTime
{
    public const string TimestampFormat = "yyyyMMddHHmmss";

    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public static DateTimeOffset From(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static string Format(DateTimeOffset instant, string format) =>
        From(instant).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>yyyyMMddHHmmss</c> timestamp as East Africa Time; false unless it is 14 digits and a real date.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset instant)
    {
        instant = default;
        if (text.Length != TimestampFormat.Length || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!DateTime.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        instant = new DateTimeOffset(local, Offset);
        return true;
    }
}
