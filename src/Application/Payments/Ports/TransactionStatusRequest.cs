using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>Asks Safaricom what it knows of a completed payment, by its M-Pesa receipt.</summary>
public sealed record TransactionStatusRequest(PaymentId PaymentId, string ReceiptNumber);
