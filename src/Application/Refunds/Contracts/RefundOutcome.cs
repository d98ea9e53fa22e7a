namespace Shield.Application.Refunds.Contracts;

/// <summary>What a command that changes a refund answers: the refund as it now stands; <see cref="Replayed"/> for a repeated Idempotency-Key.</summary>
public sealed record RefundOutcome(RefundDetails Refund, bool Replayed = false);
