using Shield.Baseline.Json;

namespace Shield.Baseline.Payments;

/// <summary>202 with the payment, or the problem Shield answers (409 phone busy, 502 rejected, 503/504 no answer).</summary>
internal sealed record InitiationResult(int Status, PaymentView? Payment, string? Code = null, string? Detail = null, Guid? PaymentId = null);
