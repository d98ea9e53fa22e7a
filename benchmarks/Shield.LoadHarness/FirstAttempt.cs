namespace Shield.LoadHarness;

/// <summary>One delivery as Shield recorded it: the event's time, the delivery's creation, its first POST (start, duration) and its end.</summary>
internal sealed record FirstAttempt(Guid PaymentId, DateTimeOffset OccurredAt, DateTimeOffset DeliveryCreatedAt, DateTimeOffset PostStartedAt,
    TimeSpan PostDuration, DateTimeOffset? CompletedAt);
