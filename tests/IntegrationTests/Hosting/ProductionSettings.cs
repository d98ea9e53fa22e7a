using System.Security.Cryptography;
using System.Text;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// The environment of a Production host that starts: Sandbox mode against a Daraja on loopback (as staging runs),
/// SQLite unless a database is given, and made-up credentials of its own (none of Shield's published dev values).
/// </summary>
internal static class ProductionSettings
{
    /// <summary>Safaricom's public sandbox passkey for shortcode 174379 (legitimate in Sandbox mode).</summary>
    public const string SandboxPasskey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

    public const string ConsumerKey = "process-test-consumer-key";
    public const string ConsumerSecret = "process-test-consumer-secret";

    /// <summary>A fresh callback secret (URL-safe, 35 characters), so a leak can only come from the process under test.</summary>
    public static string NewSecret() => "cb-" + Guid.NewGuid().ToString("N");

    public static Dictionary<string, string?> Valid(Uri daraja, string callbackSecret, string apiKey, TestDatabase? database = null) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = (database?.Provider ?? Shield.Infrastructure.Persistence.DatabaseProvider.Sqlite).ToString(),
        ["ConnectionStrings__Shield"] = database?.ConnectionString ?? "Data Source=shield.db",
        ["Mpesa__Environment"] = "Sandbox",
        ["Mpesa__BaseUrl"] = daraja.ToString(),
        ["Mpesa__CallbackBaseUrl"] = ShieldProcess.Self,
        ["Mpesa__ConsumerKey"] = ConsumerKey,
        ["Mpesa__ConsumerSecret"] = ConsumerSecret,
        ["Mpesa__BusinessShortCode"] = "174379",
        ["Mpesa__Passkey"] = SandboxPasskey,
        ["Mpesa__CallbackSecret"] = callbackSecret,
        ["ApiClients__0__Id"] = "shop",
        ["ApiClients__0__KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
    };
}
