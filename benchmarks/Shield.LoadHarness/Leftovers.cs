namespace Shield.LoadHarness;

/// <summary>A client's undone work: deliveries pending (of which leased), outbox events not dispatched (of which leased).</summary>
internal sealed record Leftovers(int LeasedDeliveries, int PendingDeliveries, int LeasedEvents, int UndispatchedEvents);
