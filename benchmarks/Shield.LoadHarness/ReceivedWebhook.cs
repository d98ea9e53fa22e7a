namespace Shield.LoadHarness;

/// <summary>
/// One POST a receiver accepted (answered 2xx): its <c>webhook-id</c>, the envelope's type, timestamp and payment, when
/// its body had been read (stopwatch ticks and wall clock), and whether its signature verified.
/// </summary>
internal sealed record ReceivedWebhook(
    string Id,
    string Type,
    Guid PaymentId,
    string? PaymentStatus,
    DateTimeOffset EventTimestamp,
    long ArrivedTicks,
    DateTimeOffset ArrivedAt,
    bool Verified);
