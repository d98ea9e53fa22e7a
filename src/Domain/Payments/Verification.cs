using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// The latest Transaction Status check of a completed payment, as Safaricom answered it, and the rule that judges the
/// answer: confirmed when its receipt, amount and status are the payment's; a mismatch otherwise.
/// </summary>
public sealed record Verification(
    VerificationStatus Status,
    DateTimeOffset RequestedAt,
    string? ConversationId,
    string? OriginatorConversationId,
    string? ResultCode = null,
    string? ResultDescription = null,
    string? ReceiptNumber = null,
    decimal? Amount = null,
    string? TransactionStatus = null,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? AnsweredAt = null)
{
    /// <summary>True when Safaricom's record matches the payment; null until it answers.</summary>
    public bool? Matches => Status switch
    {
        VerificationStatus.Confirmed => true,
        VerificationStatus.Mismatch => false,
        _ => null,
    };

    /// <summary>Safaricom accepted a Transaction Status query about this payment, which must be completed with a receipt; its answer comes later.</summary>
    public static Result Request(Payment payment, string conversationId, string originatorConversationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (payment is not { Status: PaymentStatus.Completed, MpesaReceiptNumber: not null })
        {
            return PaymentErrors.NotVerifiable(payment.Status);
        }

        payment.Verify(new Verification(VerificationStatus.Requested, now, conversationId, originatorConversationId), now);
        return Result.Success();
    }

    /// <summary>Safaricom's Transaction Status answer about this payment, judged against it (<see cref="Judge"/>).</summary>
    public static Result Record(Payment payment, TransactionStatusReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payment.Verify(Judge(payment.Verification, report, payment.MpesaReceiptNumber, payment.Amount, now), now);
        return Result.Success();
    }

    /// <summary>Safaricom's answer about a payment with this receipt and amount, after <paramref name="previous"/> asked.</summary>
    public static Verification Judge(Verification? previous, TransactionStatusReport report, string? receiptNumber, Amount amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var status = report switch
        {
            { TimedOut: true } => VerificationStatus.TimedOut,
            _ when report.ResultCode != ResultCodes.Success => VerificationStatus.Failed,
            _ when report.ReceiptNumber == receiptNumber && report.Amount == amount.Value
                && string.Equals(report.TransactionStatus, "Completed", StringComparison.OrdinalIgnoreCase) => VerificationStatus.Confirmed,
            _ => VerificationStatus.Mismatch,
        };
        return new Verification(status, previous?.RequestedAt ?? now, report.ConversationId ?? previous?.ConversationId,
            report.OriginatorConversationId ?? previous?.OriginatorConversationId, report.ResultCode, report.ResultDescription,
            report.ReceiptNumber, report.Amount, report.TransactionStatus, report.CompletedAt, now);
    }
}
