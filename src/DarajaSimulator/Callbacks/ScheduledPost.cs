namespace Shield.DarajaSimulator.Callbacks;

/// <summary>Something the simulator posts to a client's URL at <paramref name="DueAt"/>: an STK callback or a Transaction Status result.</summary>
/// <param name="DueAt">When to post it.</param>
internal abstract record ScheduledPost(DateTimeOffset DueAt);
