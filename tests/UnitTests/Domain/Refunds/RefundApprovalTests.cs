using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>The console's maker-checker: a refund requested for approval is held, then approved by someone else (and sent) or rejected.</summary>
public sealed class RefundApprovalTests
{
    private static readonly DateTimeOffset DecidedAt = TestRefunds.Now.AddHours(3);

    [Fact]
    public void Request_ForApproval_IsHeldWithTheOpenSlotAndWhoAsked()
    {
        var refund = Refund.Request(RefundId.New(), TestRefunds.Client, TestRefunds.Payment(), null, RefundReason.From(TestRefunds.Reason), null,
            allowPartial: false, TestRefunds.Now, TestRefunds.Maker, awaitingApproval: true).Must();

        Assert.Equal(RefundStatus.AwaitingApproval, refund.Status);
        Assert.Equal(TestRefunds.PaymentId.Value, refund.OpenPaymentId); // a second refund of the payment is refused refund_in_progress
        Assert.True(refund.HoldsOpenSlot);
        Assert.False(refund.IsOpen); // nothing is at M-Pesa
        Assert.Equal(TestRefunds.Maker, refund.RequestedBy);
        Assert.IsType<RefundCreated>(Assert.Single(refund.Raised()));
    }

    [Fact]
    public void Request_WithoutRequester_IsTheClients()
    {
        Assert.Equal($"client:{TestRefunds.Client}", TestRefunds.Pending().RequestedBy);
    }

    [Fact]
    public void NextVerificationStep_AwaitingApprovalForDays_IsNothing()
    {
        // The reconciler never times out, verifies or sends a refund nobody approved yet.
        var refund = TestRefunds.AwaitingApproval();

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(TestRefunds.Now.AddDays(3), TimeSpan.FromMinutes(2)));
        Assert.Equal(ReversalApplication.Duplicate, refund.RecordQueueTimeout(DecidedAt));
        Assert.Equal(ReversalApplication.RecordedOnly, refund.ApplyResult(TestRefunds.Result(), DecidedAt));
        Assert.Equal(ReversalApplication.RecordedOnly, refund.RecordVerification(TestRefunds.Status(), DecidedAt));
        refund.GiveToPerson(DecidedAt);
        refund.RecordNoAnswer(ReversalNoAnswer.TimedOut, DecidedAt);
        refund.RecordNotSent("400.002.02", "Bad Request", DecidedAt);
        refund.RecordSubmitted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, DecidedAt);

        Assert.Equal((RefundStatus.AwaitingApproval, 0), (refund.Status, refund.Version));
        Assert.Empty(refund.Raised());
    }

    [Theory]
    [InlineData(TestRefunds.Maker)]
    [InlineData("OPERATOR:Alice")]
    [InlineData(" operator:alice ")]
    public void Approve_ByTheRequester_IsRefundApprovalByRequester(string approvedBy)
    {
        var refund = TestRefunds.AwaitingApproval();

        var refused = refund.Approve(approvedBy, DecidedAt);

        Assert.Equal("refund_approval_by_requester", refused.Error?.Code);
        Assert.Equal((RefundStatus.AwaitingApproval, 0, null), (refund.Status, refund.Version, refund.ApprovedBy));
    }

    [Fact]
    public void Approve_BySomeoneElse_IsPendingAndRecordsWho()
    {
        var refund = TestRefunds.AwaitingApproval();

        Assert.True(refund.Approve(TestRefunds.Checker, DecidedAt).IsSuccess);

        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Equal((TestRefunds.Checker, DecidedAt), (refund.ApprovedBy, refund.ApprovedAt));
        Assert.Equal(TestRefunds.PaymentId.Value, refund.OpenPaymentId);
        Assert.Null(refund.SubmittedAt);
        Assert.Equal(1, refund.Version);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void Approve_Twice_IsRefundNotAwaitingApproval()
    {
        var refund = TestRefunds.AwaitingApproval();
        Assert.True(refund.Approve(TestRefunds.Checker, DecidedAt).IsSuccess);

        var again = refund.Approve("operator:carol", DecidedAt.AddSeconds(1));

        Assert.Equal("refund_not_awaiting_approval", again.Error?.Code);
        Assert.Contains("Pending", again.Error!.Message, StringComparison.Ordinal);
        Assert.Equal((TestRefunds.Checker, 1), (refund.ApprovedBy, refund.Version));
    }

    [Fact]
    public void Approve_DirectRequest_IsRefundNotAwaitingApproval()
    {
        Assert.Equal("refund_not_awaiting_approval", TestRefunds.Pending().Approve(TestRefunds.Checker, DecidedAt).Error?.Code);
    }

    [Fact]
    public void NextVerificationStep_ApprovedLongAfterItsRequestAndBeingSent_WaitsFromTheApproval()
    {
        // Held for hours, approved, and sending: not "stored long ago and never acknowledged".
        var refund = TestRefunds.AwaitingApproval();
        refund.Approve(TestRefunds.Checker, DecidedAt).Must();

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(DecidedAt.AddSeconds(30), TimeSpan.FromMinutes(2)));
        Assert.Equal(VerificationStep.GiveUpWaiting, refund.NextVerificationStep(DecidedAt.AddMinutes(2), TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Reject_AwaitingApproval_FailsUnsentAndReleasesTheSlot()
    {
        var refund = TestRefunds.AwaitingApproval();

        Assert.True(refund.Reject(TestRefunds.Checker, "Customer was refunded in cash", DecidedAt).IsSuccess);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Null(refund.OpenPaymentId);
        Assert.False(refund.HoldsOpenSlot);
        Assert.Equal(("refund_rejected", false), (refund.Failure?.Code, refund.Failure?.Retriable));
        Assert.Equal((TestRefunds.Checker, DecidedAt, "Customer was refunded in cash"), (refund.RejectedBy, refund.RejectedAt, refund.RejectionNote));
        Assert.Null(refund.SubmittedAt);
        var failed = Assert.IsType<RefundFailed>(Assert.Single(refund.Raised()));
        Assert.Equal("refund_rejected", failed.FailureCode);
    }

    [Fact]
    public void Reject_ByTheRequester_WithdrawsTheRequest()
    {
        var refund = TestRefunds.AwaitingApproval();

        Assert.True(refund.Reject(TestRefunds.Maker, "Wrong payment", DecidedAt).IsSuccess);

        Assert.Equal(RefundStatus.Failed, refund.Status);
    }

    [Fact]
    public void Reject_AfterApproval_IsRefundNotAwaitingApproval()
    {
        var refund = TestRefunds.AwaitingApproval();
        refund.Approve(TestRefunds.Checker, DecidedAt).Must();

        var refused = refund.Reject("operator:carol", "Too late", DecidedAt.AddSeconds(1));

        Assert.Equal("refund_not_awaiting_approval", refused.Error?.Code);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.Null(refund.RejectedBy);
    }

    [Fact]
    public void Approve_AfterRejection_IsRefundNotAwaitingApproval()
    {
        var refund = TestRefunds.AwaitingApproval();
        refund.Reject(TestRefunds.Checker, "No", DecidedAt).Must();

        Assert.Equal("refund_not_awaiting_approval", refund.Approve("operator:carol", DecidedAt.AddSeconds(1)).Error?.Code);
        Assert.Equal(RefundStatus.Failed, refund.Status);
    }

    [Fact]
    public void WithdrawBeforeSending_AwaitingApproval_FailsUnsent()
    {
        var refund = TestRefunds.AwaitingApproval();

        refund.WithdrawBeforeSending(ReversalCatalogue.ExceedsPayment(), DecidedAt);

        Assert.Equal((RefundStatus.Failed, "refund_exceeds_payment", (Guid?)null), (refund.Status, refund.Failure?.Code, refund.OpenPaymentId));
    }
}
