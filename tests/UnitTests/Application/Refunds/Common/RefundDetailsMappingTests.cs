using Mapster;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.Common;

public sealed class RefundDetailsMappingTests
{
    [Fact]
    public void Compile_StrictConfigFromScannedAssembly_DoesNotThrow()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.Scan(typeof(RefundDetails).Assembly);

        var exception = Record.Exception(() => config.Compile());

        Assert.Null(exception);
    }

    [Fact]
    public void Adapt_RefundSettledAsFailedByHand_GivesEveryDetail()
    {
        var refund = TestRefunds.Pending(amount: 150);
        refund.RecordNoAnswer(ReversalNoAnswer.TimedOut, TestRefunds.Now.AddSeconds(30));
        var settledAt = TestRefunds.Now.AddHours(1);
        refund.Settle(false, null, "ops:wanjiku", "No reversal on the statement", settledAt).Must();

        var details = refund.Adapt<RefundDetails>(Mapping.Create());

        Assert.Equal(new RefundDetails
        {
            Id = refund.Id.Value,
            PaymentId = TestRefunds.PaymentId.Value,
            Amount = 150,
            Status = RefundStatus.Failed,
            Reason = TestRefunds.Reason,
            ReversalReceiptNumber = null,
            Failure = new RefundFailureDetails
            {
                Code = "settled_as_failed",
                ResultCode = null,
                ResultDescription = "No reversal on the statement",
                Message = "An operator found that the reversal did not happen.",
                Retriable = true,
            },
            ReviewReason = null,
            SettledBy = "ops:wanjiku",
            CreatedAt = TestRefunds.Now,
            CompletedAt = settledAt,
        }, details);
    }

    [Fact]
    public void Adapt_FailedByMpesa_GivesItsCodeAndDescriptionAsSent()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Failure("2001", "The initiator information is invalid."), TestRefunds.Now.AddSeconds(20));

        var failure = refund.Adapt<RefundDetails>(Mapping.Create()).Failure!;

        Assert.Equal("initiator_credentials_invalid", failure.Code);
        Assert.Equal("2001", failure.ResultCode);
        Assert.Equal("The initiator information is invalid.", failure.ResultDescription);
        Assert.True(failure.Retriable);
        Assert.Equal(refund.Failure!.Message, failure.Message);
    }

    [Fact]
    public void Adapt_AlreadyReversed_ShowsUnknownWithItsReviewCode()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Failure("R000001", "The transaction has already been reversed"), TestRefunds.Now.AddSeconds(20));

        var details = refund.Adapt<RefundDetails>(Mapping.Create());

        Assert.Equal(RefundStatus.Unknown, details.Status);
        Assert.Equal("already_reversed", details.ReviewReason);
        Assert.Null(details.Failure);
        Assert.Null(details.CompletedAt);
    }

    [Fact]
    public void Adapt_SucceededForAnotherAmount_ShowsReceiptCompletedTimeAndAmountMismatch()
    {
        var refund = TestRefunds.Submitted(amount: 100);
        var reversedAt = TestRefunds.Now.AddSeconds(25);
        refund.ApplyResult(TestRefunds.Result(amount: 60, completedAt: reversedAt), TestRefunds.Now.AddSeconds(30));

        var details = refund.Adapt<RefundDetails>(Mapping.Create());

        Assert.Equal(RefundStatus.Succeeded, details.Status);
        Assert.Equal(100, details.Amount);
        Assert.Equal(TestRefunds.ReversalReceipt, details.ReversalReceiptNumber);
        Assert.Equal(reversedAt, details.CompletedAt);
        Assert.Equal("amount_mismatch", details.ReviewReason);
        Assert.Null(details.SettledBy);
    }

    [Fact]
    public void AdaptRecord_ApprovedAndSubmitted_GivesWhoDidWhatAndDarajasHandles()
    {
        var refund = TestRefunds.AwaitingApproval(amount: 150);
        var approvedAt = TestRefunds.Now.AddHours(1);
        refund.Approve(TestRefunds.Checker, approvedAt).Must();
        refund.RecordSubmitted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, approvedAt.AddSeconds(1));
        refund.ApplyResult(TestRefunds.Failure("2001", "The initiator information is invalid."), approvedAt.AddSeconds(20));

        var record = refund.Adapt<RefundRecord>(Mapping.Create());

        Assert.Equal(refund.Adapt<RefundDetails>(Mapping.Create()), record.Refund);
        Assert.Equal((RefundStatus.Failed, 150), (record.Refund.Status, record.Refund.Amount));
        Assert.Equal(TestRefunds.Client.Value, record.ClientId);
        Assert.Equal(TestPayments.ReceiptNumber, record.ReceiptNumber);
        Assert.Equal((TestRefunds.Maker, TestRefunds.Checker, approvedAt), (record.RequestedBy, record.ApprovedBy, record.ApprovedAt));
        Assert.Equal(((string?)null, (DateTimeOffset?)null, (string?)null), (record.RejectedBy, record.RejectedAt, record.RejectionNote));
        Assert.Equal("2001", record.ResultCode);
        Assert.Equal((TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, approvedAt.AddSeconds(1)),
            (record.ConversationId, record.OriginatorConversationId, record.SubmittedAt));
        Assert.Null(record.NoAnswer);
        Assert.Equal(0, record.Verifications);
        Assert.Equal(approvedAt.AddSeconds(20), record.UpdatedAt);
    }

    [Fact]
    public void AdaptRecord_Rejected_GivesWhoRejectedItAndWhy()
    {
        var refund = TestRefunds.AwaitingApproval();
        var rejectedAt = TestRefunds.Now.AddHours(2);
        refund.Reject(TestRefunds.Checker, "Refunded in cash", rejectedAt).Must();

        var record = refund.Adapt<RefundRecord>(Mapping.Create());

        Assert.Equal((TestRefunds.Checker, rejectedAt, "Refunded in cash"), (record.RejectedBy, record.RejectedAt, record.RejectionNote));
        Assert.Equal(("refund_rejected", (string?)null), (record.Refund.Failure?.Code, record.ApprovedBy));
        Assert.Null(record.SettledBy);
    }

    [Fact]
    public void AdaptRecord_NoAnswer_GivesWhyByName()
    {
        var refund = TestRefunds.Pending();
        refund.RecordNoAnswer(ReversalNoAnswer.ServerError, TestRefunds.Now.AddSeconds(5));

        Assert.Equal("ServerError", refund.Adapt<RefundRecord>(Mapping.Create()).NoAnswer);
    }

    [Fact]
    public void Register_NoConfig_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new RefundDetailsMapping().Register(null!));
    }
}
