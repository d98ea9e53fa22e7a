using System.Text.Json;
using Mapster;
using Shield.Application.Common.Events;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;

namespace Shield.Application.Refunds.Common;

/// <summary>
/// A refund's domain events as published events: each with its public type (<see cref="RefundEventTypes"/>), its
/// sequence among the refund's events, the payment it refunds, and the refund as GET shows it after the commit.
/// </summary>
public sealed class RefundEventJournal(TypeAdapterConfig mapping) : IEventJournal
{
    public IEnumerable<OutboxEvent> Journal(AggregateRoot aggregate)
    {
        if (aggregate is not Refund { DomainEvents.Count: > 0 } refund)
        {
            return [];
        }

        var data = JsonSerializer.Serialize(refund.Adapt<RefundDetails>(mapping), EventJson.Options);
        return refund.DomainEvents.Select(raised => new OutboxEvent(
            Guid.CreateVersion7(raised.Event.OccurredAt), TypeOf(raised.Event), refund.Id.Value, refund.PaymentId.Value, raised.Sequence,
            refund.ClientId.Value, raised.Event.OccurredAt, data)).ToList();
    }

    /// <summary>The public type of a refund's domain event; a new one must be given one here.</summary>
    public static string TypeOf(IDomainEvent domainEvent) => domainEvent switch
    {
        RefundCreated => RefundEventTypes.Created,
        RefundSucceeded => RefundEventTypes.Succeeded,
        RefundFailed => RefundEventTypes.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "This domain event has no public type."),
    };
}
