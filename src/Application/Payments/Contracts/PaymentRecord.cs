using Shield.Application.Common.Callbacks;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// Everything Shield stored about one payment, whichever client's, for the operator's timeline (the console orders the
/// story): the payment as GET shows it (with its latest verification, its review reason, its latest resolved review and
/// its refunds), who owns it, each attempt in full, and every stored callback linked to it (by payment id, or by the
/// CheckoutRequestID of one of its attempts), oldest first.
/// </summary>
public sealed record PaymentRecord(
    PaymentDetails Payment,
    string ClientId,
    string? IdempotencyKey,
    IReadOnlyList<AttemptRecord> Attempts,
    IReadOnlyList<InboundCallbackDetails> Callbacks);
