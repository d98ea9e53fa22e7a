namespace Shield.LoadHarness;

/// <summary>The made-up credentials both services and the in-harness simulators share. Nothing here is a real secret.</summary>
internal static class HarnessCredentials
{
    public const string ConsumerKey = "harness-consumer-key";
    public const string ConsumerSecret = "harness-consumer-secret";
    public const string BusinessShortCode = "174379";
    public const string Passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
    public const string ClientId = "harness";
    public const string ApiKey = "harness-api-key-0001";
    public const string CallbackSecret = "harness-callback-secret-0001";

    /// <summary>
    /// One client per webhook scenario: a client's payments fan out only to its own endpoints, so the scenarios that
    /// run while an earlier one is still delivering (the killed instance's leases) never see each other's events.
    /// </summary>
    public static IReadOnlyList<HarnessClient> WebhookClients { get; } =
    [
        new("harness-webhooks-latency", "harness-webhooks-latency-key-0001"),
        new("harness-webhooks-throughput", "harness-webhooks-throughput-key-0001"),
        new("harness-webhooks-outage", "harness-webhooks-outage-key-0001"),
        new("harness-webhooks-killed", "harness-webhooks-killed-key-0001"),
    ];

    /// <summary>
    /// The settings that point a Shield process at a Daraja simulator with these credentials and give it the harness's
    /// client (environment variables), added to <paramref name="settings"/>. <paramref name="callbackBaseUrl"/> may be
    /// <c>{self}</c>, the process's own address.
    /// </summary>
    public static Dictionary<string, string> WithDaraja(this Dictionary<string, string> settings, Uri daraja, string callbackBaseUrl)
    {
        settings["Mpesa__Environment"] = "Sandbox";
        settings["Mpesa__BaseUrl"] = daraja.ToString();
        settings["Mpesa__CallbackBaseUrl"] = callbackBaseUrl;
        settings["Mpesa__ConsumerKey"] = ConsumerKey;
        settings["Mpesa__ConsumerSecret"] = ConsumerSecret;
        settings["Mpesa__BusinessShortCode"] = BusinessShortCode;
        settings["Mpesa__Passkey"] = Passkey;
        settings["Mpesa__CallbackSecret"] = CallbackSecret;
        settings["ApiClients__0__Id"] = ClientId;
        settings["ApiClients__0__KeyHash"] = ApiKeyHash;
        return settings;
    }

    /// <summary>SHA-256 of <see cref="ApiKey"/>, lowercase hex, as Shield's ApiClients:N:KeyHash wants it.</summary>
    public static string ApiKeyHash => Hash(ApiKey);

    /// <summary>SHA-256 of an API key, lowercase hex.</summary>
    public static string Hash(string apiKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(apiKey)));
}
