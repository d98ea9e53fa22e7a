namespace Shield.WebApi.Contracts;

/// <summary>The body of POST /api/v1/payments.</summary>
/// <param name="PhoneNumber">The customer's Safaricom number: 0712345678, 712345678, 254712345678 or +254712345678.</param>
/// <param name="Amount">Whole Kenyan shillings, from Payments:MinAmount to Payments:MaxAmount (1 to 250000 by default).</param>
/// <param name="AccountReference">Shown in the prompt and the customer's SMS: 1 to 12 letters, digits, spaces or dashes.</param>
/// <param name="Description">Optional, 1 to 13 letters, digits, spaces or dashes ("Payment" when absent).</param>
public sealed record InitiatePaymentRequest(string? PhoneNumber, decimal? Amount, string? AccountReference, string? Description);
