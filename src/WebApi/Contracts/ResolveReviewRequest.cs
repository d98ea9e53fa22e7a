namespace Shield.WebApi.Contracts;

/// <summary>The body of POST /api/v1/payments/{id}/review/resolve.</summary>
public sealed record ResolveReviewRequest
{
    /// <summary>What was decided about the flagged payment (1 to 500 characters): kept with the payment and in its event.</summary>
    public required string Note { get; init; }
}
