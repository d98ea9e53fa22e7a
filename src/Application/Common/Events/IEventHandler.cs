namespace Shield.Application.Common.Events;

/// <summary>
/// Receives the published events of type <typeparamref name="TEvent"/> (a module's event contract, such as
/// <c>PaymentEvent</c>), after the change that raised them was committed. Handlers are found in Shield's assemblies
/// and registered automatically, like command handlers.
/// </summary>
/// <remarks>
/// Delivery is at least once, in <c>Sequence</c> order for one aggregate: the same event can arrive again (after a
/// crash, a lease that ran out, or another handler's failure), so a handler is idempotent by the event's id. A handler
/// that throws is called again with backoff; it never holds up other payments' events.
/// </remarks>
public interface IEventHandler<in TEvent>
    where TEvent : IPublishedEvent
{
    Task HandleAsync(TEvent published, CancellationToken cancellationToken);
}

/// <summary>An event as other modules and clients see it: the envelope of ARCHITECTURE.md §8.</summary>
public interface IPublishedEvent
{
    /// <summary>Sortable, unique: the public event id (and a handler's idempotency key).</summary>
    Guid Id { get; }

    /// <summary>The public dotted type: <c>payment.completed</c>.</summary>
    string Type { get; }

    DateTimeOffset OccurredAt { get; }
}
