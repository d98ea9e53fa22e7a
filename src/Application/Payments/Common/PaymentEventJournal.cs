using System.Text.Json;
using Mapster;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;

namespace Shield.Application.Payments.Common;

/// <summary>
/// A payment's domain events as published events: each with its public type (<see cref="PaymentEventTypes"/>), its
/// sequence among the payment's events, and the payment as GET shows it after the commit that raised it.
/// </summary>
public sealed class PaymentEventJournal(TypeAdapterConfig mapping) : IEventJournal
{
    public IEnumerable<OutboxEvent> Journal(AggregateRoot aggregate)
    {
        if (aggregate is not Payment { DomainEvents.Count: > 0 } payment)
        {
            return [];
        }

        var data = JsonSerializer.Serialize(payment.Adapt<PaymentDetails>(mapping), EventJson.Options);
        return payment.DomainEvents.Select(raised => new OutboxEvent(
            Guid.CreateVersion7(raised.Event.OccurredAt), TypeOf(raised.Event), payment.Id.Value, payment.Id.Value, raised.Sequence, payment.ClientId.Value,
            raised.Event.OccurredAt, data)).ToList();
    }

    /// <summary>The public type of a domain event; a new domain event must be given one here.</summary>
    public static string TypeOf(IDomainEvent domainEvent) => domainEvent switch
    {
        PaymentInitiated => PaymentEventTypes.Created,
        PaymentCompleted or PaymentCompletedLate => PaymentEventTypes.Completed,
        PaymentFailed => PaymentEventTypes.Failed,
        PaymentCancelled => PaymentEventTypes.Cancelled,
        PaymentExpired => PaymentEventTypes.Expired,
        PaymentFlaggedForReview => PaymentEventTypes.FlaggedForReview,
        PaymentVerified => PaymentEventTypes.Verified,
        PaymentRetried => PaymentEventTypes.Retried,
        PaymentReviewResolved => PaymentEventTypes.ReviewResolved,
        _ => throw new ArgumentOutOfRangeException(nameof(domainEvent), domainEvent.GetType().Name, "This domain event has no public type."),
    };
}
