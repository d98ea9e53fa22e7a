using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Ports;

/// <summary>Reverse <paramref name="Amount"/> KES of the payment whose M-Pesa receipt is <paramref name="ReceiptNumber"/>.</summary>
/// <param name="RefundId">The refund (for logs; Daraja's request has no field for it).</param>
/// <param name="ReceiptNumber">The payment's receipt: Daraja's TransactionID.</param>
/// <param name="Amount">Whole KES, sent as a JSON integer.</param>
/// <param name="Remarks">2 to 100 characters.</param>
public sealed record ReversalRequest(RefundId RefundId, string ReceiptNumber, int Amount, string Remarks);
