namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// The verdict on an endpoint URL: <see cref="Url"/> when it may be used, otherwise a stable <see cref="Code"/> a client
/// can branch on and a <see cref="Message"/> for people.
/// </summary>
internal sealed record WebhookUrlCheck(Uri? Url, string? Code, string? Message)
{
    /// <summary>Not an absolute http(s) URL, or longer than <see cref="WebhookUrlRules.MaxLength"/> characters.</summary>
    public const string Invalid = "webhook_url_invalid";

    /// <summary>Plain http while <c>Webhooks:RequireHttps</c> is true.</summary>
    public const string NotHttps = "webhook_url_not_https";

    /// <summary>A user name or password in the URL.</summary>
    public const string HasCredentials = "webhook_url_has_credentials";

    /// <summary>The host has no address (or could not be resolved in time).</summary>
    public const string NotResolvable = "webhook_url_not_resolvable";

    /// <summary>The host resolves to an address <see cref="NetworkPolicy"/> refuses.</summary>
    public const string NotAllowed = "webhook_url_not_allowed";

    public bool IsAllowed => Code is null;

    public static WebhookUrlCheck Allowed(Uri url) => new(url, null, null);

    public static WebhookUrlCheck Refused(string code, string message) => new(null, code, message);
}
