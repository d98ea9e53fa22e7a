namespace Shield.Domain.Refunds;

/// <summary>
/// Why a refund failed: a stable client-facing code, Daraja's code and description as sent, a message for people, and
/// whether a new refund can succeed once the cause is fixed (Shield never sends a failed refund again by itself).
/// </summary>
public sealed record RefundFailure(string Code, string? ResultCode, string? ResultDescription, string Message, bool Retriable);
