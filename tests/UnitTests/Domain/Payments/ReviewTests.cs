using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>A person resolving a flagged payment: the decision is kept, the flag cleared, and the event says who and why.</summary>
public sealed class ReviewTests
{
    private static readonly DateTimeOffset ResolvedAt = TestPayments.Now.AddHours(2);

    /// <summary>A push whose outcome was never learned: expired outcome_unknown, flagged for a person.</summary>
    private static Payment Flagged()
    {
        var payment = TestPayments.New();
        Reconciliation.Expire(payment, 1, TestPayments.Now.AddMinutes(10)).Must();
        payment.ClearDomainEvents();
        return payment;
    }

    [Fact]
    public void Resolve_FlaggedPayment_ClearsTheFlagKeepsTheDecisionAndRaisesResolved()
    {
        var payment = Flagged();
        var version = payment.Version;

        Review.Resolve(payment, ReviewReason.OutcomeUnknown, "ops@shield", "  Refunded the second charge.  ", ResolvedAt).Must();

        Assert.Null(payment.ReviewReason);
        Assert.Equal(new ReviewResolution(ReviewReason.OutcomeUnknown, "ops@shield", "Refunded the second charge.", ResolvedAt), payment.ReviewResolution);
        Assert.Equal([new PaymentReviewResolved(payment.Id, ReviewReason.OutcomeUnknown, "ops@shield", ResolvedAt)], payment.Raised());
        Assert.Equal(version + 1, payment.Version);
        Assert.Equal(ResolvedAt, payment.UpdatedAt);
    }

    [Fact]
    public void Resolve_PaymentNotFlagged_IsRefusedAndChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();
        var version = payment.Version;

        var refused = Review.Resolve(payment, ReviewReason.OutcomeUnknown, "ops@shield", "Looked at it.", ResolvedAt);

        Assert.Equal("payment_not_under_review", refused.Error?.Code);
        Assert.Null(payment.ReviewResolution);
        Assert.Equal(version, payment.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Resolve_NoDecisionWritten_IsRefusedAndTheFlagStays(string? note)
    {
        var payment = Flagged();

        var refused = Review.Resolve(payment, ReviewReason.OutcomeUnknown, "ops@shield", note!, ResolvedAt);

        Assert.Equal("review_note_invalid", refused.Error?.Code);
        Assert.Contains("1 to 500 characters", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewReason.OutcomeUnknown, payment.ReviewReason);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void Resolve_NoteAtTheLimit_IsAcceptedAndOneOverIsRefused()
    {
        var atLimit = Flagged();
        var over = Flagged();

        var accepted = Review.Resolve(atLimit, ReviewReason.OutcomeUnknown, "ops@shield", new string('n', Review.MaxNoteLength), ResolvedAt);
        var refused = Review.Resolve(over, ReviewReason.OutcomeUnknown, "ops@shield", new string('n', Review.MaxNoteLength + 1), ResolvedAt);

        Assert.True(accepted.IsSuccess);
        Assert.Equal("review_note_invalid", refused.Error?.Code);
    }

    [Fact]
    public void Resolve_ReasonThatHoldsTheReconciler_IsRefusedAndThePaymentStaysHeld()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.RecordReceiptConflict(TestPayments.Now.AddMinutes(1));

        var refused = Review.Resolve(payment, ReviewReason.ReceiptReused, "ops@shield", "Looked at it.", ResolvedAt);

        Assert.Equal("review_needs_decision", refused.Error?.Code);
        Assert.Equal(ReviewReason.ReceiptReused, payment.ReviewReason);
        Assert.True(payment.IsHeldForReview);
    }

    [Fact]
    public void Resolve_PaymentFlaggedForAnotherReasonByNow_IsRefusedNamingBoth()
    {
        var payment = Flagged();

        var refused = Review.Resolve(payment, ReviewReason.DuplicateCharge, "ops@shield", "Refunded the second charge.", ResolvedAt);

        Assert.Equal("review_reason_changed", refused.Error?.Code);
        Assert.Contains("flagged outcome_unknown now, not duplicate_charge", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ReviewReason.OutcomeUnknown, payment.ReviewReason);
    }

    [Fact]
    public void Resolve_ThenFlaggedAgain_KeepsTheLastResolutionAndTheNewReason()
    {
        var payment = Flagged();
        Review.Resolve(payment, ReviewReason.OutcomeUnknown, "ops@shield", "Refunded.", ResolvedAt).Must();

        payment.RecordReceiptConflict(ResolvedAt.AddMinutes(5));

        Assert.Equal(ReviewReason.ReceiptReused, payment.ReviewReason);
        Assert.Equal("Refunded.", payment.ReviewResolution?.Note);
    }
}
