namespace Shield.WebApi.Contracts;

/// <summary>The body of POST /api/v1/payments. Fields Shield does not read are refused (400 <c>unknown_field</c>).</summary>
public sealed record InitiatePaymentRequest
{
    /// <summary>The customer's Safaricom number: 0712345678, 712345678, 254712345678 or +254712345678.</summary>
    public required string PhoneNumber { get; init; }

    /// <summary>Whole Kenyan shillings, from Payments:MinAmount to Payments:MaxAmount (1 to 250000 by default).</summary>
    public required int Amount { get; init; }

    /// <summary>Shown in the prompt and the customer's SMS: 1 to 12 letters, digits, spaces or dashes.</summary>
    public required string AccountReference { get; init; }

    /// <summary>Optional, 1 to 13 letters, digits, spaces or dashes ("Payment" when absent).</summary>
    public string? Description { get; init; }

    /// <summary>Optional; when sent it must be KES (M-Pesa collects Kenyan shillings only).</summary>
    public string? Currency { get; init; }
}
