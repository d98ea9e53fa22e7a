namespace Shield.Application.Common.Events;

/// <summary>
/// How one module's stored events reach their handlers: the module reads its own rows back as its published event type
/// and calls every <see cref="IEventHandler{TEvent}"/> of that type. The dispatcher asks each delivery in turn.
/// </summary>
public interface IEventDelivery
{
    /// <summary>Whether events of this public type (<c>payment.completed</c>) are this module's.</summary>
    bool Delivers(string type);

    /// <summary>
    /// Gives the event to every handler (each is called even if another throws); throws when any of them failed, so
    /// that the event is delivered again later (handlers are idempotent by event id).
    /// </summary>
    Task DeliverAsync(OutboxEvent stored, IServiceProvider services, CancellationToken cancellationToken);
}
