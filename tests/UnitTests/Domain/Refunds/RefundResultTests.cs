using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>M-Pesa's result posted to ResultURL (REFERENCE.md §11.3, §11.4), and its queue-timeout notice.</summary>
public sealed class RefundResultTests
{
    private static readonly DateTimeOffset Arrived = TestRefunds.Now.AddSeconds(30);
    private static readonly DateTimeOffset ReversedAt = new(2026, 11, 27, 9, 0, 25, TimeSpan.Zero);

    [Fact]
    public void ApplyResult_Reversed_SucceedsWithTheReversalReceiptAndMpesaTime()
    {
        var refund = TestRefunds.Submitted();

        var applied = refund.ApplyResult(TestRefunds.Result(completedAt: ReversedAt), Arrived);

        Assert.Equal(ReversalApplication.Applied, applied);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Equal(ReversedAt, refund.CompletedAt);
        Assert.Equal("0", refund.ResultCode);
        Assert.Null(refund.Review);
        Assert.Null(refund.Failure);
        Assert.Null(refund.OpenPaymentId);
        Assert.Equal([new RefundSucceeded(refund.Id, TestRefunds.ReversalReceipt, Arrived)], refund.Raised());
    }

    [Fact]
    public void ApplyResult_ReversedWithoutCompletedTime_CompletesWhenItArrived()
    {
        var refund = TestRefunds.Submitted();

        refund.ApplyResult(TestRefunds.Result() with { CompletedAt = null }, Arrived);

        Assert.Equal(Arrived, refund.CompletedAt);
    }

    [Fact]
    public void ApplyResult_DuplicateSuccess_IsDuplicateAndRaisesNothingMore()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(completedAt: ReversedAt), Arrived);
        refund.ClearDomainEvents();

        var applied = refund.ApplyResult(TestRefunds.Result(), Arrived.AddSeconds(5));

        Assert.Equal(ReversalApplication.Duplicate, applied);
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Equal(ReversedAt, refund.CompletedAt);
        Assert.Null(refund.Review);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void ApplyResult_SecondSuccessWithAnotherReversalReceipt_IsFlaggedSecondReversalAndKeepsTheFirst()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(completedAt: ReversedAt), Arrived);
        refund.ClearDomainEvents();

        var applied = refund.ApplyResult(TestRefunds.Result(transactionId: "OKD61H8ZZZ"), Arrived.AddSeconds(5));

        Assert.Equal(ReversalApplication.FlaggedForReview, applied);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(RefundReview.SecondReversal, refund.Review);
        Assert.Equal("second_reversal", refund.Review!.Value.Code());
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void ApplyResult_FailureAfterSuccess_IsDuplicateAndNeverDowngradesIt()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(), Arrived);
        refund.ClearDomainEvents();

        var applied = refund.ApplyResult(TestRefunds.Failure("2001", "The initiator information is invalid."), Arrived.AddSeconds(5));

        Assert.Equal(ReversalApplication.Duplicate, applied);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Null(refund.Failure);
        Assert.Equal("0", refund.ResultCode);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void ApplyResult_SuccessNamingAnotherOriginalReceipt_IsFlaggedAndNotSucceeded()
    {
        var refund = TestRefunds.Submitted();

        var applied = refund.ApplyResult(TestRefunds.Result(original: "QKA81LK5CY"), Arrived);

        Assert.Equal(ReversalApplication.FlaggedForReview, applied);
        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.OriginalTransactionMismatch, refund.Review);
        Assert.Equal("original_transaction_mismatch", refund.Review!.Value.Code());
        Assert.Null(refund.ReversalReceiptNumber);
        Assert.True(refund.IsOpen);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void ApplyResult_OriginalReceiptInOtherLetterCase_IsTheSameReceipt()
    {
        var refund = TestRefunds.Submitted();

        Assert.Equal(ReversalApplication.Applied, refund.ApplyResult(TestRefunds.Result(original: TestPayments.ReceiptNumber.ToLowerInvariant()), Arrived));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
    }

    [Fact]
    public void ApplyResult_SuccessWithoutOriginalReceipt_Succeeds()
    {
        var refund = TestRefunds.Submitted();

        Assert.Equal(ReversalApplication.Applied, refund.ApplyResult(TestRefunds.Result(original: null), Arrived));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
    }

    [Fact]
    public void ApplyResult_SuccessForAnotherAmount_SucceedsButIsFlaggedAmountMismatch()
    {
        var refund = TestRefunds.Submitted(amount: 100);

        var applied = refund.ApplyResult(TestRefunds.Result(amount: 60), Arrived);

        Assert.Equal(ReversalApplication.FlaggedForReview, applied);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(RefundReview.AmountMismatch, refund.Review);
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Equal([new RefundSucceeded(refund.Id, TestRefunds.ReversalReceipt, Arrived)], refund.Raised());
    }

    [Fact]
    public void ApplyResult_AlreadyReversed_IsUnknownForVerificationNeverFailed()
    {
        var refund = TestRefunds.Submitted();

        var applied = refund.ApplyResult(TestRefunds.Failure("R000001", "The transaction has already been reversed"), Arrived);

        Assert.Equal(ReversalApplication.FlaggedForReview, applied);
        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.AlreadyReversed, refund.Review);
        Assert.Equal("R000001", refund.ResultCode);
        Assert.Null(refund.Failure);
        Assert.True(refund.IsOpen);
        Assert.Empty(refund.Raised());
        Assert.Equal(VerificationStep.Ask, refund.NextVerificationStep(Arrived, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void ApplyResult_AlreadyReversedInLowerCase_IsUnknownNeverFailed()
    {
        var refund = TestRefunds.Submitted();

        refund.ApplyResult(TestRefunds.Failure("r000001", "The transaction has already been reversed"), Arrived);

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.AlreadyReversed, refund.Review);
        Assert.Null(refund.Failure);
        Assert.Empty(refund.Raised());
    }

    [Theory]
    [InlineData("R000002", "original_transaction_invalid", false, "The OriginalTransactionID is invalid.")]
    [InlineData("11", "debit_party_inactive", false, "The DebitParty is in an invalid state")]
    [InlineData("21", "initiator_not_permitted", true, "The initiator is not allowed to initiate this request.")]
    [InlineData("2001", "initiator_credentials_invalid", true, "The initiator information is invalid.")]
    [InlineData("2006", "declined_account_rule", false, "Declined due to account rule")]
    [InlineData("2028", "product_not_permitted", true, "Not permitted according to product assignment")]
    [InlineData("8006", "security_credential_locked", true, "The security credential is locked")]
    [InlineData("1", "insufficient_balance", true, "The balance is insufficient for the transaction")]
    public void ApplyResult_ListedFailureCode_FailsWithItsStableCodeAndKeepsTheDescriptionVerbatim(string resultCode, string code, bool retriable,
        string description)
    {
        var refund = TestRefunds.Submitted();

        var applied = refund.ApplyResult(TestRefunds.Failure(resultCode, description), Arrived);

        Assert.Equal(ReversalApplication.Applied, applied);
        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Null(refund.OpenPaymentId);
        Assert.Null(refund.ReversalReceiptNumber);
        Assert.Equal(Arrived, refund.CompletedAt);
        var failure = refund.Failure!;
        Assert.Equal(code, failure.Code);
        Assert.Equal(resultCode, failure.ResultCode);
        Assert.Equal(description, failure.ResultDescription);
        Assert.Equal(retriable, failure.Retriable);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.Equal([new RefundFailed(refund.Id, code, Arrived)], refund.Raised());
    }

    [Fact]
    public void ApplyResult_UnlistedCode_FailsAsReversalFailedKeepingMpesaCodeAndDescription()
    {
        var refund = TestRefunds.Submitted();

        refund.ApplyResult(TestRefunds.Failure("17", "  Internal Failure  "), Arrived);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal("reversal_failed", refund.Failure!.Code);
        Assert.Equal("17", refund.Failure.ResultCode);
        Assert.Equal("  Internal Failure  ", refund.Failure.ResultDescription);
        Assert.False(refund.Failure.Retriable);
    }

    [Fact]
    public void ApplyResult_SuccessAfterFailure_SucceedsFlaggedSucceededAfterFailure()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Failure("2001"), Arrived);
        refund.ClearDomainEvents();

        var applied = refund.ApplyResult(TestRefunds.Result(), Arrived.AddMinutes(1));

        Assert.Equal(ReversalApplication.FlaggedForReview, applied);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(RefundReview.SucceededAfterFailure, refund.Review);
        Assert.Null(refund.Failure);
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Equal([new RefundSucceeded(refund.Id, TestRefunds.ReversalReceipt, Arrived.AddMinutes(1))], refund.Raised());
    }

    [Fact]
    public void ApplyResult_SecondFailureAfterFailure_IsDuplicateKeepingTheFirstFailure()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Failure("2001"), Arrived);
        refund.ClearDomainEvents();

        Assert.Equal(ReversalApplication.Duplicate, refund.ApplyResult(TestRefunds.Failure("R000002"), Arrived.AddMinutes(1)));
        Assert.Equal("initiator_credentials_invalid", refund.Failure!.Code);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordQueueTimeout_Submitted_IsUnknownNeverFailed()
    {
        var refund = TestRefunds.Submitted();

        var applied = refund.RecordQueueTimeout(Arrived);

        Assert.Equal(ReversalApplication.Applied, applied);
        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.True(refund.QueueTimedOut);
        Assert.Null(refund.Failure);
        Assert.True(refund.IsOpen);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordQueueTimeout_Second_IsDuplicate()
    {
        var refund = TestRefunds.UnknownWithIds();
        var version = refund.Version;

        Assert.Equal(ReversalApplication.Duplicate, refund.RecordQueueTimeout(Arrived.AddMinutes(1)));
        Assert.Equal(version, refund.Version);
    }

    [Fact]
    public void RecordQueueTimeout_AfterSuccess_IsDuplicateAndStaysSucceeded()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(), Arrived);

        Assert.Equal(ReversalApplication.Duplicate, refund.RecordQueueTimeout(Arrived.AddSeconds(1)));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.False(refund.QueueTimedOut);
    }

    [Fact]
    public void ApplyResult_SecondReversalAgain_IsADuplicate()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(), Arrived);
        Assert.Equal(ReversalApplication.FlaggedForReview, refund.ApplyResult(TestRefunds.Result(transactionId: "OKD61H8ZZZ"), Arrived.AddSeconds(5)));
        var version = refund.Version;

        Assert.Equal(ReversalApplication.Duplicate, refund.ApplyResult(TestRefunds.Result(transactionId: "OKD61H8ZZZ"), Arrived.AddSeconds(9)));
        Assert.Equal(version, refund.Version);
        Assert.Equal(RefundReview.SecondReversal, refund.Review);
    }

    [Fact]
    public void ApplyResult_ForARefundSettledSucceededWithoutAReceipt_TakesTheResultsReceiptWithoutAFlag()
    {
        var refund = TestRefunds.UnknownWithIds();
        refund.Settle(succeeded: true, reversalReceiptNumber: null, "ops", "On the statement", Arrived).Must();
        refund.ClearDomainEvents();

        var applied = refund.ApplyResult(TestRefunds.Result(), Arrived.AddSeconds(5));

        Assert.Equal(ReversalApplication.Applied, applied);
        Assert.Equal((RefundStatus.Succeeded, TestRefunds.ReversalReceipt), (refund.Status, refund.ReversalReceiptNumber));
        Assert.Null(refund.Review);
        Assert.Empty(refund.Raised());
    }
}
