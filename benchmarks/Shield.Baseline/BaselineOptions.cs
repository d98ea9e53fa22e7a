namespace Shield.Baseline;

/// <summary>Configuration section <c>Baseline</c> (environment variables <c>Baseline__Key</c> or <c>--Baseline:Key</c>).</summary>
internal sealed class BaselineOptions
{
    public const string SectionName = "Baseline";

    public required string Provider { get; init; }

    public required string ConnectionString { get; init; }

    public required Uri DarajaBaseUrl { get; init; }

    public required Uri CallbackBaseUrl { get; init; }

    public required string ApiKey { get; init; }

    public required string ClientId { get; init; }

    public required string CallbackSecret { get; init; }

    public required string ConsumerKey { get; init; }

    public required string ConsumerSecret { get; init; }

    public required string BusinessShortCode { get; init; }

    public required string Passkey { get; init; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads and checks every key; a missing one stops the service at start with its name.</summary>
    public static BaselineOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Configuration {SectionName}:{key} is required.");

        var provider = Required(nameof(Provider));
        if (provider is not ("Sqlite" or "Postgres"))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(Provider)} is Sqlite or Postgres, not '{provider}'.");
        }

        return new BaselineOptions
        {
            Provider = provider,
            ConnectionString = Required(nameof(ConnectionString)),
            DarajaBaseUrl = new Uri(Required(nameof(DarajaBaseUrl))),
            CallbackBaseUrl = new Uri(Required(nameof(CallbackBaseUrl))),
            ApiKey = Required(nameof(ApiKey)),
            ClientId = Required(nameof(ClientId)),
            CallbackSecret = Required(nameof(CallbackSecret)),
            ConsumerKey = Required(nameof(ConsumerKey)),
            ConsumerSecret = Required(nameof(ConsumerSecret)),
            BusinessShortCode = Required(nameof(BusinessShortCode)),
            Passkey = Required(nameof(Passkey)),
        };
    }
}
