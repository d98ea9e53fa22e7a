using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>Transaction Status checks of a completed payment: they confirm or flag it, never change its status.</summary>
public sealed class PaymentVerificationTests
{
    private const string ConversationId = "AG_20210709_1234409f86436c583e3f";
    private const string OriginatorConversationId = "1236-7134259-1";
    private static readonly DateTimeOffset AskedAt = TestPayments.Now.AddHours(1);
    private static readonly DateTimeOffset AnsweredAt = AskedAt.AddSeconds(20);

    private static Payment Completed(int amount = 1)
    {
        var payment = TestPayments.AwaitingCustomer(amount: amount);
        payment.ApplyStkResult(TestPayments.Success(amount: amount), TestPayments.Now.AddSeconds(20)).Must();
        payment.ClearDomainEvents();
        return payment;
    }

    private static Payment Requested(int amount = 1)
    {
        var payment = Completed(amount);
        Assert.True(Verification.Request(payment, ConversationId, OriginatorConversationId, AskedAt).IsSuccess);
        payment.ClearDomainEvents();
        return payment;
    }

    private static TransactionStatusReport Report(string resultCode = "0", string? receipt = TestPayments.ReceiptNumber, decimal? amount = 1m,
        string? transactionStatus = "Completed", bool timedOut = false, string? conversationId = ConversationId) =>
        new(conversationId, OriginatorConversationId, resultCode, "The service request is processed successfully.", receipt, amount,
            transactionStatus, new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), timedOut);

    [Fact]
    public void RequestVerification_CompletedWithReceipt_IsRequestedWithDarajasIds()
    {
        var payment = Completed();

        var requested = Verification.Request(payment, ConversationId, OriginatorConversationId, AskedAt);

        Assert.True(requested.IsSuccess);
        var verification = payment.Verification!;
        Assert.Equal(VerificationStatus.Requested, verification.Status);
        Assert.Equal(AskedAt, verification.RequestedAt);
        Assert.Equal(ConversationId, verification.ConversationId);
        Assert.Equal(OriginatorConversationId, verification.OriginatorConversationId);
        Assert.Null(verification.Matches);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void RequestVerification_CompletedByQueryWithoutReceipt_IsNotVerifiable()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(new StkResult(TestPayments.CheckoutRequestId, "0", "ok", null, ResultSource.Query), TestPayments.Now.AddSeconds(31)).Must();

        var requested = Verification.Request(payment, ConversationId, OriginatorConversationId, AskedAt);

        Assert.Equal("payment_not_verifiable", requested.Error!.Code);
        Assert.Null(payment.Verification);
    }

    [Fact]
    public void RequestVerification_PendingPayment_IsNotVerifiable()
    {
        var payment = TestPayments.AwaitingCustomer();

        Assert.Equal("payment_not_verifiable", Verification.Request(payment, ConversationId, OriginatorConversationId, AskedAt).Error!.Code);
        Assert.Null(payment.Verification);
    }

    [Fact]
    public void RecordVerification_ReceiptAmountAndStatusMatch_Confirms()
    {
        var payment = Requested(amount: 300);

        var recorded = Verification.Record(payment, Report(amount: 300m), AnsweredAt);

        Assert.True(recorded.IsSuccess);
        var verification = payment.Verification!;
        Assert.Equal(VerificationStatus.Confirmed, verification.Status);
        Assert.True(verification.Matches);
        Assert.Equal(AskedAt, verification.RequestedAt);
        Assert.Equal(AnsweredAt, verification.AnsweredAt);
        Assert.Equal("0", verification.ResultCode);
        Assert.Equal(TestPayments.ReceiptNumber, verification.ReceiptNumber);
        Assert.Equal(300m, verification.Amount);
        Assert.Equal("Completed", verification.TransactionStatus);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.ReviewReason);
        Assert.Equal([new PaymentVerified(payment.Id, VerificationStatus.Confirmed, AnsweredAt)], payment.Raised());
    }

    [Theory]
    [InlineData("OTHER12345", 1, "Completed")]
    [InlineData(TestPayments.ReceiptNumber, 2, "Completed")]
    [InlineData(TestPayments.ReceiptNumber, 1, "Reversed")]
    [InlineData(TestPayments.ReceiptNumber, 1, null)]
    [InlineData(null, 1, "Completed")]
    public void RecordVerification_SafaricomRecordDiffers_IsMismatchAndFlagsForReview(string? receipt, int amount, string? transactionStatus)
    {
        var payment = Requested();

        Verification.Record(payment, Report(receipt: receipt, amount: amount, transactionStatus: transactionStatus), AnsweredAt).Must();

        Assert.Equal(VerificationStatus.Mismatch, payment.Verification!.Status);
        Assert.False(payment.Verification.Matches);
        Assert.Equal("verification_mismatch", payment.ReviewReason?.Code);
        Assert.Equal(
            [new PaymentFlaggedForReview(payment.Id, ReviewReason.VerificationMismatch, AnsweredAt), new PaymentVerified(payment.Id, VerificationStatus.Mismatch, AnsweredAt)],
            payment.Raised());
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
    }

    [Fact]
    public void RecordVerification_MismatchOnPaymentAlreadyFlagged_KeepsTheFirstReason()
    {
        var payment = Requested();
        payment.RecordReceiptConflict(AskedAt);

        Verification.Record(payment, Report(amount: 5m), AnsweredAt).Must();

        Assert.Equal(VerificationStatus.Mismatch, payment.Verification!.Status);
        Assert.Equal("receipt_reused", payment.ReviewReason?.Code);
    }

    [Fact]
    public void RecordVerification_NonZeroResultCode_FailsWithoutFlagging()
    {
        var payment = Requested();

        Verification.Record(payment, Report(resultCode: "2001", receipt: null, amount: null, transactionStatus: null), AnsweredAt).Must();

        Assert.Equal(VerificationStatus.Failed, payment.Verification!.Status);
        Assert.Null(payment.Verification.Matches);
        Assert.Equal("2001", payment.Verification.ResultCode);
        Assert.Null(payment.ReviewReason);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void RecordVerification_QueueTimeout_IsTimedOutWithoutFlagging()
    {
        var payment = Requested();

        Verification.Record(payment, Report(resultCode: "1", receipt: null, amount: null, transactionStatus: null, timedOut: true), AnsweredAt).Must();

        Assert.Equal(VerificationStatus.TimedOut, payment.Verification!.Status);
        Assert.Null(payment.Verification.Matches);
        Assert.Null(payment.ReviewReason);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void RecordVerification_AnswerWithoutConversationId_KeepsTheRequestedOne()
    {
        var payment = Requested();

        Verification.Record(payment, Report(conversationId: null), AnsweredAt).Must();

        Assert.Equal(ConversationId, payment.Verification!.ConversationId);
        Assert.Equal(VerificationStatus.Confirmed, payment.Verification.Status);
    }

    [Theory]
    [InlineData(VerificationStatus.Requested, null)]
    [InlineData(VerificationStatus.Confirmed, true)]
    [InlineData(VerificationStatus.Mismatch, false)]
    [InlineData(VerificationStatus.Failed, null)]
    [InlineData(VerificationStatus.TimedOut, null)]
    public void Matches_ByStatus_IsTrueOnlyWhenConfirmedAndFalseOnlyOnMismatch(VerificationStatus status, bool? matches)
    {
        Assert.Equal(matches, new Verification(status, AskedAt, ConversationId, OriginatorConversationId).Matches);
    }
}
