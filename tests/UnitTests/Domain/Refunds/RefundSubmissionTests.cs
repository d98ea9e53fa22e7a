using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>Daraja's synchronous answer to the reversal request: acknowledged, refused (4xx), or no usable answer.</summary>
public sealed class RefundSubmissionTests
{
    private static readonly DateTimeOffset Later = TestRefunds.Now.AddSeconds(5);

    [Fact]
    public void RecordSubmitted_Acknowledgement_KeepsTheConversationIdsAndStaysPending()
    {
        var refund = TestRefunds.Pending();

        refund.RecordSubmitted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, Later);

        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal(TestRefunds.ConversationId, refund.ConversationId);
        Assert.Equal(TestRefunds.OriginatorConversationId, refund.OriginatorConversationId);
        Assert.Equal(Later, refund.SubmittedAt);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordSubmitted_AfterAnEarlyResultSucceededIt_KeepsTheIdsAndTheSuccess()
    {
        var refund = TestRefunds.Pending();
        Assert.Equal(ReversalApplication.Applied, refund.ApplyResult(TestRefunds.Result(), TestRefunds.Now.AddSeconds(2)));

        refund.RecordSubmitted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, Later);

        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Equal(TestRefunds.ConversationId, refund.ConversationId);
        Assert.Equal(TestRefunds.OriginatorConversationId, refund.OriginatorConversationId);
    }

    [Fact]
    public void RecordSubmitted_AfterTheAnswerWasGivenUpAsLost_ClearsOutcomeUnknownSoTheReconcilerCanAsk()
    {
        var refund = TestRefunds.Pending();
        refund.RecordAnswerLost(TestRefunds.Now.AddMinutes(3));
        Assert.Equal(RefundReview.OutcomeUnknown, refund.Review);

        refund.RecordSubmitted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, TestRefunds.Now.AddMinutes(4));

        Assert.Null(refund.Review);
        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(VerificationStep.Ask, refund.NextVerificationStep(TestRefunds.Now.AddMinutes(4), TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void RecordSubmitted_Twice_KeepsTheFirstIds()
    {
        var refund = TestRefunds.Submitted();

        refund.RecordSubmitted("AG_other", "other-1", Later);

        Assert.Equal(TestRefunds.ConversationId, refund.ConversationId);
        Assert.Equal(TestRefunds.OriginatorConversationId, refund.OriginatorConversationId);
        Assert.Equal(TestRefunds.SubmittedAt, refund.SubmittedAt);
    }

    [Fact]
    public void RecordNotSent_DarajaRefusedTheRequest_FailsItAsRejectedAndFreesThePayment()
    {
        var refund = TestRefunds.Pending();

        refund.RecordNotSent("400.002.02", "Bad Request - Invalid TransactionID", Later);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.False(refund.IsOpen);
        Assert.Null(refund.OpenPaymentId);
        Assert.Equal(Later, refund.CompletedAt);
        var failure = refund.Failure!;
        Assert.Equal("reversal_request_rejected", failure.Code);
        Assert.Equal("400.002.02", failure.ResultCode);
        Assert.Equal("Bad Request - Invalid TransactionID", failure.ResultDescription);
        Assert.True(failure.Retriable);
        Assert.Equal([new RefundFailed(refund.Id, "reversal_request_rejected", Later)], refund.Raised());
    }

    [Fact]
    public void RecordNotSent_OnceSubmitted_IsIgnored()
    {
        var refund = TestRefunds.Submitted();

        refund.RecordNotSent("400.002.02", "Bad Request", Later);

        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Null(refund.Failure);
        Assert.Equal(TestRefunds.PaymentId.Value, refund.OpenPaymentId);
        Assert.Empty(refund.Raised());
    }

    [Theory]
    [InlineData(ReversalNoAnswer.TimedOut)]
    [InlineData(ReversalNoAnswer.ServerError)]
    [InlineData(ReversalNoAnswer.Unreadable)]
    [InlineData(ReversalNoAnswer.Unreachable)]
    public void RecordNoAnswer_MaybeSent_IsUnknownForAPersonWithoutAnEvent(ReversalNoAnswer reason)
    {
        var refund = TestRefunds.Pending();

        refund.RecordNoAnswer(reason, Later);

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.OutcomeUnknown, refund.Review);
        Assert.Equal(reason, refund.NoAnswer);
        Assert.True(refund.IsOpen);
        Assert.Equal(TestRefunds.PaymentId.Value, refund.OpenPaymentId);
        Assert.Null(refund.Failure);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordNoAnswer_OnceSubmitted_IsIgnored()
    {
        var refund = TestRefunds.Submitted();

        refund.RecordNoAnswer(ReversalNoAnswer.TimedOut, Later);

        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Null(refund.Review);
        Assert.Null(refund.NoAnswer);
    }
}
