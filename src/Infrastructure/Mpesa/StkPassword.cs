using System.Globalization;
using System.Text;

namespace Shield.Infrastructure.Mpesa;

/// <summary>
/// The STK Push Password: base64(BusinessShortCode + Passkey + Timestamp), with the Timestamp in East Africa Time
/// (REFERENCE.md §2.3-2.4). The same timestamp string goes in the Password and the body.
/// </summary>
public static class StkPassword
{
    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);

    public static string Create(string businessShortCode, string passkey, string timestamp) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(businessShortCode, passkey, timestamp)));

    /// <summary>yyyyMMddHHmmss in East Africa Time (UTC+3; Kenya keeps no daylight saving).</summary>
    public static string Timestamp(DateTimeOffset now) =>
        now.ToOffset(EastAfricaTime).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>Reads Daraja's yyyyMMddHHmmss (East Africa Time) as an instant.</summary>
    public static bool TryParseTimestamp(string value, out DateTimeOffset instant)
    {
        if (value.Length == 14 && DateTime.TryParseExact(value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && local.Year is >= 2000 and <= 9998)
        {
            instant = new DateTimeOffset(local, EastAfricaTime).ToUniversalTime();
            return true;
        }

        instant = default;
        return false;
    }
}
