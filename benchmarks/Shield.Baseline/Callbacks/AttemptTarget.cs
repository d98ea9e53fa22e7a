namespace Shield.Baseline.Callbacks;

/// <summary>The attempt a callback is for, and what deciding its outcome needs of the payment.</summary>
internal readonly record struct AttemptTarget(Guid PaymentId, int Number, string AttemptStatus, string PaymentStatus, int Version, int LastNumber);
