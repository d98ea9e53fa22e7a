namespace Shield.Domain.Webhooks;

/// <summary>Where a delivery stands: being tried (now or after a pause), received, or given up.</summary>
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,

    /// <summary>Given up: the schedule ran out, or the endpoint was disabled or deleted. <c>recover</c> sends it again.</summary>
    Failed,
}

/// <summary>
/// One event for one endpoint: the exact bytes posted on every attempt (so a receiver's signature check and dedupe on
/// <c>webhook-id</c> hold), when it is next due, and each attempt made. Deliveries of one payment to one endpoint go in
/// the payment's event order: a later one waits while an earlier one is pending.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookAttempt> _attempts = [];

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = string.Empty;

    /// <summary>The aggregate whose event it is (a payment, a refund): one endpoint gets one aggregate's events in <see cref="Sequence"/> order.</summary>
    public Guid StreamId { get; private set; }

    public int Sequence { get; private set; }

    public string ClientId { get; private set; } = string.Empty;

    /// <summary>The envelope <c>{ id, type, timestamp, data }</c> as posted, byte for byte.</summary>
    public string Body { get; private set; } = string.Empty;

    public WebhookDeliveryStatus Status { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When a receiver first had it (kept through a redelivery): a redelivered event holds no later one back.</summary>
    public DateTimeOffset? SucceededAt { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts => _attempts;

    public int AttemptCount { get; private set; }

    /// <summary>Attempts since the delivery was made or last restarted: where it stands in the retry schedule.</summary>
    public int RoundAttempts { get; private set; }

    public static WebhookDelivery For(Guid id, WebhookEndpoint endpoint, Guid eventId, string eventType, Guid streamId, int sequence, string body,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new WebhookDelivery
        {
            Id = id,
            EndpointId = endpoint.Id,
            EventId = eventId,
            EventType = eventType,
            StreamId = streamId,
            Sequence = sequence,
            ClientId = endpoint.ClientId.Value,
            Body = body,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Records an attempt. Success ends the delivery; a failure makes it due again after <paramref name="retryIn"/>, or
    /// gives it up when that is null (the schedule ran out) or the endpoint is no longer active.
    /// </summary>
    public void Record(WebhookAttempt attempt, bool succeeded, TimeSpan? retryIn, bool endpointActive, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        _attempts.Add(attempt);
        AttemptCount++;
        RoundAttempts++;
        if (succeeded)
        {
            (Status, CompletedAt) = (WebhookDeliveryStatus.Succeeded, now);
            SucceededAt ??= now;
        }
        else if (retryIn is { } delay && endpointActive)
        {
            NextAttemptAt = now + delay;
        }
        else
        {
            (Status, CompletedAt) = (WebhookDeliveryStatus.Failed, now);
        }
    }

    /// <summary>Not sent: the endpoint is disabled or deleted. Given up without an attempt.</summary>
    public void Abandon(DateTimeOffset now) => (Status, CompletedAt) = (WebhookDeliveryStatus.Failed, now);

    /// <summary>Sent again now (redeliver, recover): a new round of the schedule.</summary>
    public void Restart(DateTimeOffset now) => (Status, NextAttemptAt, CompletedAt, RoundAttempts) = (WebhookDeliveryStatus.Pending, now, null, 0);
}

/// <summary>One POST of a delivery: what the receiver answered (the first 1 KB), how long it took, or what failed.</summary>
public sealed record WebhookAttempt(Guid Id, int Number, DateTimeOffset At, int? StatusCode, int DurationMs, string? ResponseExcerpt, string? Error);
