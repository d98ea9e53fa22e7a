using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>Review reasons are stored and published by their code; only the "does not fit" ones hold the reconciler back.</summary>
public sealed class ReviewReasonTests
{
    [Fact]
    public void FromCode_EveryReasonsCode_GivesThatReason()
    {
        Assert.All(ReviewReason.All, reason => Assert.Same(reason, ReviewReason.FromCode(reason.Code)));
        Assert.Equal(ReviewReason.All.Count, ReviewReason.All.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void FromCode_UnknownCode_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReviewReason.FromCode("maybe_paid"));
    }

    [Fact]
    public void HoldingCodes_AreTheReasonsWhereSafaricomsAnswerDoesNotFit()
    {
        Assert.Equal(["amount_mismatch", "phone_mismatch", "receipt_reused", "push_answer_mismatch"], ReviewReason.HoldingCodes);
        Assert.False(ReviewReason.OutcomeUnknown.HoldsReconciliation);
        Assert.False(ReviewReason.DuplicateCharge.HoldsReconciliation);
    }

    [Fact]
    public void ToString_IsTheCode()
    {
        Assert.Equal("outcome_unknown", ReviewReason.OutcomeUnknown.ToString());
    }
}
