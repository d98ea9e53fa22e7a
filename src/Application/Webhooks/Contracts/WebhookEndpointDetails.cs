namespace Shield.Application.Webhooks.Contracts;

/// <summary>A webhook endpoint as its client sees it (never its secret: that is shown once, in <see cref="WebhookEndpointSecret"/>).</summary>
public sealed record WebhookEndpointDetails
{
    public required Guid Id { get; init; }

    public required string Url { get; init; }

    /// <summary>The event types it receives; empty means all.</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    public string? Description { get; init; }

    public required bool Disabled { get; init; }

    /// <summary>Why it was disabled (410 Gone, or failing for Webhooks:DisableAfter); null while enabled.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Since when every attempt to it has failed; null while it answers.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The answer to creating an endpoint or rotating its secret: the endpoint, and the only time its secret is shown.</summary>
public sealed record WebhookEndpointSecret
{
    public required Guid Id { get; init; }

    public required string Url { get; init; }

    public required IReadOnlyList<string> EventTypes { get; init; }

    public string? Description { get; init; }

    /// <summary><c>whsec_</c> + base64 of 32 random bytes: the key that signs every delivery (Standard Webhooks).</summary>
    public required string Secret { get; init; }

    public required bool Disabled { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
