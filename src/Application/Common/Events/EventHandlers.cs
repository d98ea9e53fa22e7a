namespace Shield.Application.Common.Events;

/// <summary>How a published event reaches its handlers: every one is called, even after another threw.</summary>
public static class EventHandlers
{
    /// <summary>Calls each handler; throws when any failed, so that the event is delivered again later (handlers are idempotent by event id).</summary>
    public static async Task DeliverAsync<TEvent>(IEnumerable<IEventHandler<TEvent>> handlers, TEvent published, CancellationToken cancellationToken)
        where TEvent : IPublishedEvent
    {
        ArgumentNullException.ThrowIfNull(handlers);
        List<Exception>? failures = null;
        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(published, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(exception);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException($"{failures.Count} handler(s) of event {published.Id} failed.", failures);
        }
    }
}
