namespace Shield.Domain.Common;

/// <summary>
/// The root of a consistency boundary: it owns its children and records what happened to it, each event numbered in
/// the order the aggregate raised it over its whole life (<see cref="EventSequence"/> is stored with it, so the numbers
/// continue after a reload and two writers cannot both take one: the aggregate's concurrency check refuses the second).
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<RaisedEvent> _domainEvents = [];

    /// <summary>How many events the aggregate has raised so far: the last one's <see cref="RaisedEvent.Sequence"/>.</summary>
    public int EventSequence { get; private set; }

    /// <summary>The events raised since the aggregate was loaded (or last saved), in order.</summary>
    public IReadOnlyList<RaisedEvent> DomainEvents => _domainEvents;

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(new RaisedEvent(++EventSequence, domainEvent));

    public void ClearDomainEvents() => _domainEvents.Clear();
}

/// <summary>An event and its place among everything its aggregate has raised (1, 2, 3...).</summary>
public sealed record RaisedEvent(int Sequence, IDomainEvent Event);
