using Shield.Domain.Payments;

namespace Shield.Domain.Refunds;

/// <summary>
/// What a refund needs to know of its payment, read from the Payments module's published view of it, and the KES
/// already refunded (<see cref="Refunded"/>: its Succeeded refunds).
/// </summary>
public sealed record RefundablePayment(PaymentId Id, PaymentStatus Status, int Amount, string? ReceiptNumber, int Refunded);
