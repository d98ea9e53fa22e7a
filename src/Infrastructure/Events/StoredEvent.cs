
namespace Shield.Infrastructure.Events;

/// <summary>
/// One row of the Events table: the transactional outbox. Written in the commit of the change that raised the event
/// (<see cref="Persistence.UnitOfWork"/>), delivered to the event handlers by <see cref="EventDispatcher"/> at least once,
/// in Sequence order per aggregate, and kept for Events:Retention after that (the events API reads them).
/// </summary>
internal sealed class StoredEvent
{
    public Guid Id { get; set; }

    public string Type { get; set; } = string.Empty;

    /// <summary>The aggregate that raised it (a payment, a refund): its events are delivered in <see cref="Sequence"/> order.</summary>
    public Guid StreamId { get; set; }

    /// <summary>The payment it concerns (for a refund's events, the refunded payment).</summary>
    public Guid PaymentId { get; set; }

    public int Sequence { get; set; }

    public string ClientId { get; set; } = string.Empty;

    public DateTimeOffset OccurredAt { get; set; }

    public string Data { get; set; } = string.Empty;

    /// <summary>When every handler had it; null until then.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>How many deliveries failed (a handler threw): the backoff grows with it.</summary>
    public int Attempts { get; set; }

    /// <summary>Not delivered before this (backoff after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The dispatcher that holds it, and until when: another dispatcher takes it only after that.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeasedUntil { get; set; }

    /// <summary>The last failure's exception type (never its message: it could hold a customer's data).</summary>
    public string? LastError { get; set; }
}
