namespace Shield.Baseline.Callbacks;

/// <summary>What a callback says about one push; the receipt fields are set for a success only.</summary>
internal sealed record StkResult(string CheckoutRequestId, string ResultCode, string? ResultDescription,
    string? ReceiptNumber = null, decimal? PaidAmount = null, DateTimeOffset? PaidAt = null);
