namespace Shield.WebApi.Contracts;

/// <summary>The optional body of POST /api/v1/payments/{id}/retry.</summary>
public sealed record RetryPaymentRequest
{
    /// <summary>
    /// Required as true to retry a payment whose last prompt's outcome was never learned (failure code
    /// <c>outcome_unknown</c>): the customer may have paid, so check first (an M-Pesa message, the business's statement).
    /// </summary>
    public bool AcknowledgeOutcomeUnknown { get; init; }
}
