namespace Shield.Baseline.Daraja;

/// <summary>Daraja's answer to one STK push: accepted (the customer has the prompt), rejected, or none (outcome unknown).</summary>
internal sealed record PushOutcome(PushOutcomeKind Kind, string? MerchantRequestId = null, string? CheckoutRequestId = null,
    string? ErrorCode = null, string? ErrorMessage = null, bool TimedOut = false);
