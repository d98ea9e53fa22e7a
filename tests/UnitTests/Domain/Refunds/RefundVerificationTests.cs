using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>What the reconciler does about an open refund (REFERENCE.md §11.6), and Transaction Status's answers.</summary>
public sealed class RefundVerificationTests
{
    private static readonly TimeSpan VerifyAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public void NextVerificationStep_SubmittedAndWaitingForItsResult_WaitsVerifyAfterThenAsks()
    {
        var refund = TestRefunds.Submitted();

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(TestRefunds.SubmittedAt + VerifyAfter - TimeSpan.FromSeconds(1), VerifyAfter));
        Assert.Equal(VerificationStep.Ask, refund.NextVerificationStep(TestRefunds.SubmittedAt + VerifyAfter, VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_UnknownWithConversationIds_AsksAtOnce()
    {
        var refund = TestRefunds.UnknownWithIds();

        Assert.Equal(VerificationStep.Ask, refund.NextVerificationStep(TestRefunds.SubmittedAt.AddSeconds(31), VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_JustAsked_WaitsVerifyAfterBeforeAskingAgain()
    {
        var refund = TestRefunds.UnknownWithIds();
        var asked = TestRefunds.Now.AddMinutes(1);
        refund.RecordVerificationRequested("AG_status_1", "status-1", asked);

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(asked + VerifyAfter - TimeSpan.FromSeconds(1), VerifyAfter));
        Assert.Equal(VerificationStep.Ask, refund.NextVerificationStep(asked + VerifyAfter, VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_AfterMaxVerifications_GivesItToAPerson()
    {
        var refund = TestRefunds.UnknownWithIds();
        var at = TestRefunds.Now.AddMinutes(1);
        for (var i = 1; i <= Refund.MaxVerifications; i++)
        {
            Assert.Equal(VerificationStep.Ask, refund.NextVerificationStep(at, VerifyAfter));
            if (i % 2 == 0)
            {
                refund.RecordVerificationNotSent(at); // a question Daraja refused counts too
            }
            else
            {
                refund.RecordVerificationRequested($"AG_status_{i}", $"status-{i}", at);
            }

            at += VerifyAfter;
        }

        Assert.Equal(Refund.MaxVerifications, refund.Verifications);
        Assert.Equal(VerificationStep.GiveToPerson, refund.NextVerificationStep(at, VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_StoredButNeverAcknowledged_GivesUpWaitingAfterVerifyAfter()
    {
        var refund = TestRefunds.Pending();

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(TestRefunds.Now + VerifyAfter - TimeSpan.FromSeconds(1), VerifyAfter));
        Assert.Equal(VerificationStep.GiveUpWaiting, refund.NextVerificationStep(TestRefunds.Now + VerifyAfter, VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_NoAnswerSoNoIdsToAskAbout_IsNone()
    {
        var refund = TestRefunds.Pending();
        refund.RecordNoAnswer(ReversalNoAnswer.TimedOut, TestRefunds.Now.AddSeconds(30));

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(TestRefunds.Now.AddDays(1), VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_GivenToAPerson_IsNoneFromThenOn()
    {
        var refund = TestRefunds.UnknownWithIds();
        refund.GiveToPerson(TestRefunds.Now.AddMinutes(10));

        Assert.Equal(RefundReview.VerificationInconclusive, refund.Review);
        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(TestRefunds.Now.AddDays(1), VerifyAfter));
    }

    [Fact]
    public void NextVerificationStep_Settled_IsNone()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(), TestRefunds.Now.AddSeconds(20));

        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(TestRefunds.Now.AddDays(1), VerifyAfter));
    }

    [Fact]
    public void GiveToPerson_PendingSubmitted_MakesItUnknownForAPerson()
    {
        var refund = TestRefunds.Submitted();

        refund.GiveToPerson(TestRefunds.Now.AddMinutes(10));

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.VerificationInconclusive, refund.Review);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordAnswerLost_StoredButNeverAcknowledged_IsUnknownOutcomeUnknown()
    {
        var refund = TestRefunds.Pending();

        refund.RecordAnswerLost(TestRefunds.Now.AddMinutes(3));

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.OutcomeUnknown, refund.Review);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordVerification_CompletedWithReceipt_SucceedsWithThatReceipt()
    {
        var refund = TestRefunds.UnknownWithIds();
        var completedAt = TestRefunds.Now.AddMinutes(1);
        var arrived = TestRefunds.Now.AddMinutes(4);

        var applied = refund.RecordVerification(TestRefunds.Status(receipt: "OKD61H8ABC", completedAt: completedAt), arrived);

        Assert.Equal(ReversalApplication.Applied, applied);
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal("OKD61H8ABC", refund.ReversalReceiptNumber);
        Assert.Equal(completedAt, refund.CompletedAt);
        Assert.Null(refund.Review);
        Assert.Null(refund.OpenPaymentId);
        Assert.Equal([new RefundSucceeded(refund.Id, "OKD61H8ABC", arrived)], refund.Raised());
    }

    [Fact]
    public void RecordVerification_AlreadyReversedAndShownCompleted_SettlesItSucceeded()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Failure("R000001", "The transaction has already been reversed"), TestRefunds.Now.AddSeconds(20));

        Assert.Equal(ReversalApplication.Applied, refund.RecordVerification(TestRefunds.Status(), TestRefunds.Now.AddMinutes(4)));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Null(refund.Review);
    }

    [Fact]
    public void RecordVerification_CompletedForAnotherAmount_SucceedsFlaggedAmountMismatch()
    {
        var refund = TestRefunds.UnknownWithIds(amount: 100);

        Assert.Equal(ReversalApplication.FlaggedForReview, refund.RecordVerification(TestRefunds.Status(amount: 99), TestRefunds.Now.AddMinutes(4)));
        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal(RefundReview.AmountMismatch, refund.Review);
    }

    public static TheoryData<string, ReversalStatusReport> Inconclusive => new()
    {
        { "not found", TestRefunds.Status(resultCode: "2032", receipt: null, transactionStatus: null, amount: null) },
        { "no receipt", TestRefunds.Status(receipt: null) },
        { "empty receipt", TestRefunds.Status(receipt: "") },
        { "not completed", TestRefunds.Status(transactionStatus: "Pending") },
        { "not 0", TestRefunds.Status(resultCode: "R000002") },
        { "the payment's own receipt", TestRefunds.Status(receipt: TestPayments.ReceiptNumber) },
    };

    [Theory]
    [MemberData(nameof(Inconclusive))]
    public void RecordVerification_AnythingButACompletedReversal_IsAskedAgainThenUnknownForAPerson(string why, ReversalStatusReport report)
    {
        Assert.NotNull(why);
        var refund = TestRefunds.Submitted();
        for (var asked = 1; asked < Refund.MaxVerifications; asked++)
        {
            refund.RecordVerificationRequested($"AG_status_{asked}", $"status-{asked}", TestRefunds.Now.AddMinutes(asked));
            Assert.Equal(ReversalApplication.RecordedOnly, refund.RecordVerification(report, TestRefunds.Now.AddMinutes(asked)));
            Assert.Null(refund.Review); // a reversal still queued is not found yet: asked again
        }

        refund.RecordVerificationRequested("AG_status_last", "status-last", TestRefunds.Now.AddMinutes(4));
        var applied = refund.RecordVerification(report, TestRefunds.Now.AddMinutes(4));

        Assert.Equal(ReversalApplication.FlaggedForReview, applied);
        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundReview.VerificationInconclusive, refund.Review);
        Assert.Null(refund.Failure);
        Assert.Null(refund.ReversalReceiptNumber);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordVerification_TimedOut_IsRecordedOnlyAndChangesNothing()
    {
        var refund = TestRefunds.UnknownWithIds();
        var (status, review, version, updatedAt) = (refund.Status, refund.Review, refund.Version, refund.UpdatedAt);

        var applied = refund.RecordVerification(TestRefunds.Status(timedOut: true), TestRefunds.Now.AddMinutes(4));

        Assert.Equal(ReversalApplication.RecordedOnly, applied);
        Assert.Equal((status, review, version, updatedAt), (refund.Status, refund.Review, refund.Version, refund.UpdatedAt));
        Assert.Null(refund.ReversalReceiptNumber);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void RecordVerification_SettledRefund_IsDuplicate()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Result(), TestRefunds.Now.AddSeconds(20));
        refund.ClearDomainEvents();

        Assert.Equal(ReversalApplication.Duplicate, refund.RecordVerification(TestRefunds.Status(receipt: "OKD61H8ABC"), TestRefunds.Now.AddMinutes(4)));
        Assert.Equal(TestRefunds.ReversalReceipt, refund.ReversalReceiptNumber);
        Assert.Empty(refund.Raised());
    }

    public static TheoryData<string> WithoutAnOriginatorId => ["queue timeout", "already reversed", "acknowledged after the wait was given up"];

    [Theory]
    [MemberData(nameof(WithoutAnOriginatorId))]
    public void NextVerificationStep_AcknowledgedWithoutAnOriginatorIdThenUnknown_IsGivenToAPersonAfterVerifyAfter(string how)
    {
        var refund = TestRefunds.Pending();
        var submittedAt = TestRefunds.SubmittedAt;
        if (how == "acknowledged after the wait was given up")
        {
            refund.RecordAnswerLost(TestRefunds.Now.AddMinutes(3));
            submittedAt = TestRefunds.Now.AddMinutes(4);
        }

        refund.RecordSubmitted(TestRefunds.ConversationId, null, submittedAt);
        if (how == "queue timeout")
        {
            refund.RecordQueueTimeout(submittedAt.AddSeconds(30));
        }
        else if (how == "already reversed")
        {
            refund.ApplyResult(TestRefunds.Result(resultCode: "R000001", transactionId: "SKE0000000", original: null), submittedAt.AddSeconds(30));
        }

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Null(refund.OriginatorConversationId);
        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(submittedAt + VerifyAfter - TimeSpan.FromSeconds(1), VerifyAfter));
        Assert.Equal(VerificationStep.GiveToPerson, refund.NextVerificationStep(submittedAt + VerifyAfter, VerifyAfter));
        refund.GiveToPerson(submittedAt + VerifyAfter);
        Assert.True(refund.WaitsForPerson);
        Assert.Equal(VerificationStep.None, refund.NextVerificationStep(submittedAt + VerifyAfter * 3, VerifyAfter));
    }
}
