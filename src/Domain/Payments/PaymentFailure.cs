namespace Shield.Domain.Payments;

/// <summary>Why a payment did not complete: a stable client-facing code, Daraja's code, a message fit for a customer, and whether a retry can help.</summary>
public sealed record PaymentFailure(string Code, string? ResultCode, string Message, bool Retriable);
