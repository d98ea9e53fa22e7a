using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.UnitTests.TestSupport;

/// <summary>Refunds in the states tests start from, built only through the aggregate's own methods, and M-Pesa's answers about them.</summary>
internal static class TestRefunds
{
    /// <summary>REFERENCE.md §11.2's acknowledgement sample ids.</summary>
    public const string ConversationId = "AG_20231120_20104e3d9a4e1b76f0ea";
    public const string OriginatorConversationId = "8521-4298025-1";

    /// <summary>The reversal's own M-Pesa receipt (its result's TransactionID).</summary>
    public const string ReversalReceipt = "OKD61H8ZLV";
    public const string Reason = "Customer paid twice";
    public const string Key = "refund-key-1";

    public static readonly DateTimeOffset Now = TestPayments.Now;
    public static readonly DateTimeOffset SubmittedAt = Now.AddSeconds(1);
    public static readonly ClientId Client = new(TestPayments.Client);
    public static readonly PaymentId PaymentId = new(Guid.Parse("0191a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b"));

    public static RefundablePayment Payment(int amount = 100, int refunded = 0, PaymentStatus status = PaymentStatus.Completed,
        string? receipt = TestPayments.ReceiptNumber) =>
        new(PaymentId, status, amount, receipt, refunded);

    /// <summary>Stored, before anything was sent; its RefundCreated cleared.</summary>
    public static Refund Pending(int amount = 100)
    {
        var refund = Refund.Request(RefundId.New(), Client, Payment(amount), null, RefundReason.From(Reason), Key, allowPartial: false, Now).Must();
        refund.ClearDomainEvents();
        return refund;
    }

    public const string Maker = "operator:alice";
    public const string Checker = "operator:bob";

    /// <summary>Requested in the console by <see cref="Maker"/>, held for someone else's approval; its RefundCreated cleared.</summary>
    public static Refund AwaitingApproval(int amount = 100)
    {
        var refund = Refund.Request(RefundId.New(), Client, Payment(amount), null, RefundReason.From(Reason), null, allowPartial: false, Now, Maker,
            awaitingApproval: true).Must();
        refund.ClearDomainEvents();
        return refund;
    }

    /// <summary>Daraja acknowledged the request at <see cref="SubmittedAt"/>: waiting for M-Pesa's result.</summary>
    public static Refund Submitted(int amount = 100)
    {
        var refund = Pending(amount);
        refund.RecordSubmitted(ConversationId, OriginatorConversationId, SubmittedAt);
        return refund;
    }

    /// <summary>Submitted, then a queue-timeout notice: Unknown, with ids to ask Transaction Status about.</summary>
    public static Refund UnknownWithIds(int amount = 100)
    {
        var refund = Submitted(amount);
        Assert.Equal(ReversalApplication.Applied, refund.RecordQueueTimeout(SubmittedAt.AddSeconds(30)));
        return refund;
    }

    /// <summary>A result as M-Pesa posts it to ResultURL (REFERENCE.md §11.3): a success by default.</summary>
    public static ReversalResult Result(string resultCode = "0", string? description = "Accept the service request successfully.",
        string? transactionId = ReversalReceipt, decimal? amount = 100, string? original = TestPayments.ReceiptNumber, DateTimeOffset? completedAt = null) =>
        new(ConversationId, OriginatorConversationId, resultCode, description, transactionId, amount, original, completedAt ?? Now.AddSeconds(20));

    /// <summary>A failure result: no ResultParameters, TransactionID a zero-padded placeholder.</summary>
    public static ReversalResult Failure(string resultCode, string description = "The OriginalTransactionID is invalid.") =>
        new(ConversationId, OriginatorConversationId, resultCode, description, "000000000000", null, null, null);

    /// <summary>Transaction Status's answer about the reversal; a completed one by default.</summary>
    public static ReversalStatusReport Status(string resultCode = "0", string? receipt = ReversalReceipt, string? transactionStatus = "Completed",
        decimal? amount = 100, bool timedOut = false, DateTimeOffset? completedAt = null) =>
        new("AG_status_1", "status-1", resultCode, "The service request is processed successfully.", receipt, amount, transactionStatus,
            completedAt ?? Now.AddMinutes(3), timedOut);
}
