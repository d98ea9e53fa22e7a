using Shield.Application.Webhooks.Contracts;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.Ports;

/// <summary>The stored events a client may read (its own, kept Webhooks:EventRetention), with their deliveries.</summary>
public interface IEventLog
{
    Task<EventPage> ListAsync(ClientId clientId, EventFilter filter, int page, int pageSize, CancellationToken cancellationToken);

    Task<EventDetails?> FindAsync(ClientId clientId, Guid eventId, CancellationToken cancellationToken);

    /// <summary>
    /// The payment's events after <paramref name="afterEventId"/> (all when null, or when it is not one of them), in
    /// Sequence order; null when the client has no such payment.
    /// </summary>
    Task<IReadOnlyList<StreamedEvent>?> ListPaymentEventsAsync(ClientId clientId, Guid paymentId, Guid? afterEventId, CancellationToken cancellationToken);

    /// <summary>The stored event as the fan-out saw it: its type, payment, sequence and envelope; null when it is not the client's.</summary>
    Task<StoredEventEnvelope?> FindEnvelopeAsync(ClientId clientId, Guid eventId, CancellationToken cancellationToken);
}

/// <summary>One event of a payment as the live stream sends it: its envelope, and the payment's status right after it.</summary>
public sealed record StreamedEvent(Guid Id, string Type, int Sequence, string Body, string Status);

/// <summary>An event's place and its envelope, for a new delivery of it.</summary>
public sealed record StoredEventEnvelope(Guid Id, string Type, Guid StreamId, int Sequence, string Body);
