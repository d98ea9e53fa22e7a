namespace Shield.WebApi.Contracts;

/// <summary>The body of POST /api/v1/payments/{id}/review/resolve.</summary>
public sealed record ResolveReviewRequest
{
    /// <summary>
    /// The reviewReason being resolved, as the payment showed it (duplicate_charge, outcome_unknown,
    /// verification_mismatch): refused if the payment is flagged for something else by now.
    /// </summary>
    public required string Reason { get; init; }

    /// <summary>What was decided about the flagged payment (1 to 500 characters): kept with the payment and in its event.</summary>
    public required string Note { get; init; }
}
