using System.Collections.Frozen;

namespace Shield.WebApi.Hosting;

/// <summary>
/// Secret-like values anyone can read: Shield's own development values (in this repository's settings files,
/// src/WebApi/appsettings*.json) and Safaricom's public sandbox values. A Production host refuses them (ADR 0007);
/// a test reads every settings file and fails when a secret-like value there is missing from this list.
/// </summary>
internal static class PublishedSecrets
{
    /// <summary>Shield's development values (consumer key and secret, callback secret, the demo client's key hash): refused by every Production host.</summary>
    public static FrozenSet<string> Development { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "shield-dev-consumer-key",
        "shield-dev-consumer-secret",
        "dev-callback-secret-0001",
        "87908cd49a971b4e95bde89aea89a649f57e7bc8a701a8e7e1e735ecbe1c4e5d", // SHA-256 of the demo key shield-dev-key
        "AQAAAAIAAYagAAAAEDr2vINla/jbbqNSONeV+Gdp2VGXAwetaf0yiofExgRq+NJv5AQV57SAFl51x0+KzA=="); // the console's demo operator admin / shield-dev-admin

    /// <summary>
    /// Safaricom's public sandbox values (the passkey of shortcode 174379, the sandbox initiator's password): right
    /// against the sandbox, where staging runs a Production host, and refused when Mpesa:Environment is Production.
    /// </summary>
    public static FrozenSet<string> Sandbox { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
        "Safaricom999!*!");
}
