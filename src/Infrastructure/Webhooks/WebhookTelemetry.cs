namespace Shield.Infrastructure.Webhooks;

/// <summary>What the traces may say about a webhook request.</summary>
public static class WebhookTelemetry
{
    /// <summary>
    /// Set on every delivery request: an endpoint's path may be its credential (Slack-style
    /// <c>/services/T000/B000/secret</c>), so a span names only the endpoint's scheme, host and port.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> PathIsSecret = new("shield.webhooks.path-is-secret");

    /// <summary>The URL a span may show for a delivery: <c>https://hooks.example.com/…</c>.</summary>
    public static string Shown(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"{url.Scheme}://{url.Authority}/…"; // Authority: host and port, never the user info
    }
}
