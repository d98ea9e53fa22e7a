using Shield.Domain.Common;

namespace Shield.Application.Common.Events;

/// <summary>
/// Turns the events an aggregate raised into the rows the unit of work writes to the outbox (the Events table) in the
/// same commit as the change. One journal per module's aggregate; a journal ignores aggregates that are not its own.
/// </summary>
public interface IEventJournal
{
    IEnumerable<OutboxEvent> Journal(AggregateRoot aggregate);
}

/// <summary>
/// One row of the outbox: a published event, written with the change that raised it and delivered after its commit.
/// <see cref="Data"/> is the resource as its GET shows it at that moment, as JSON (<see cref="EventJson"/>).
/// <see cref="StreamId"/> is the aggregate that raised it (a payment, a refund): its events are numbered
/// (<see cref="Sequence"/>) and delivered in order; <see cref="PaymentId"/> is the payment it concerns (a refund's payment).
/// </summary>
public sealed record OutboxEvent(Guid Id, string Type, Guid StreamId, Guid PaymentId, int Sequence, string ClientId, DateTimeOffset OccurredAt, string Data);
