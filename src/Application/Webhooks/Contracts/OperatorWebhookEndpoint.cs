namespace Shield.Application.Webhooks.Contracts;

/// <summary>
/// A webhook endpoint as an operator sees it, of any client: its settings, whether it is disabled and why, and how its
/// deliveries are going. Never its secret (nor any part of it).
/// </summary>
public sealed record OperatorWebhookEndpoint
{
    public required Guid Id { get; init; }

    public required string ClientId { get; init; }

    public required string Url { get; init; }

    /// <summary>The event types it receives; empty means all.</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    public string? Description { get; init; }

    public required bool Disabled { get; init; }

    public DateTimeOffset? DisabledAt { get; init; }

    /// <summary>Why it was disabled: it answered 410 Gone, or every attempt failed for Webhooks:DisableAfter. Null while enabled.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Since when every attempt to it has failed; null after a success (or before any failure).</summary>
    public DateTimeOffset? FailingSince { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Its most recent attempt (of any delivery); null when none was made yet (or all were deleted after Webhooks:EventRetention).</summary>
    public WebhookLastAttempt? LastAttempt { get; init; }

    /// <summary>Attempts to it that failed since its last successful one (all its attempts when none succeeded).</summary>
    public required int ConsecutiveFailures { get; init; }

    /// <summary>Its deliveries made in the last 24 hours, by where they stand now.</summary>
    public required WebhookDeliveryCounts Last24Hours { get; init; }
}

/// <summary>The last POST to an endpoint: when, what it answered (null: no answer), and whether it was a delivery (2xx).</summary>
public sealed record WebhookLastAttempt(DateTimeOffset At, bool Succeeded, int? StatusCode, string? Error);

/// <summary>Deliveries by where they stand: still being tried, received, given up.</summary>
public sealed record WebhookDeliveryCounts(int Pending, int Succeeded, int Failed);
