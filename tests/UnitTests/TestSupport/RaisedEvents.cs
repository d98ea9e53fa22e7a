using Shield.Domain.Common;

namespace Shield.UnitTests.TestSupport;

internal static class RaisedEvents
{
    /// <summary>The events an aggregate raised since it was loaded, in order, without their sequence numbers.</summary>
    public static IReadOnlyList<IDomainEvent> Raised(this AggregateRoot aggregate) => [.. aggregate.DomainEvents.Select(e => e.Event)];
}
