namespace Shield.Domain.Refunds;

/// <summary>Why a person must look at a refund. Stored by name; its public code is <see cref="RefundReviews.Code"/>.</summary>
public enum RefundReview
{
    /// <summary>Daraja never acknowledged the request (timeout, 5xx, unreadable answer): it may have been carried out, and there is no conversation id to ask about.</summary>
    OutcomeUnknown,

    /// <summary>M-Pesa answered R000001: the receipt is already reversed, possibly by an earlier request of Shield's.</summary>
    AlreadyReversed,

    /// <summary>Transaction Status did not show the reversal done (or never answered): an operator settles it from the M-Pesa statement.</summary>
    VerificationInconclusive,

    /// <summary>A success named another receipt as the one reversed.</summary>
    OriginalTransactionMismatch,

    /// <summary>A success reported another amount than the refund's.</summary>
    AmountMismatch,

    /// <summary>A success arrived for a refund already recorded Failed.</summary>
    SucceededAfterFailure,

    /// <summary>A second success, with another reversal receipt, arrived for a Succeeded refund: money may have been returned twice.</summary>
    SecondReversal,
}

/// <summary>The public codes of <see cref="RefundReview"/>.</summary>
public static class RefundReviews
{
    public static string Code(this RefundReview review) => review switch
    {
        RefundReview.OutcomeUnknown => "outcome_unknown",
        RefundReview.AlreadyReversed => "already_reversed",
        RefundReview.VerificationInconclusive => "verification_inconclusive",
        RefundReview.OriginalTransactionMismatch => "original_transaction_mismatch",
        RefundReview.AmountMismatch => "amount_mismatch",
        RefundReview.SucceededAfterFailure => "succeeded_after_failure",
        RefundReview.SecondReversal => "second_reversal",
        _ => throw new ArgumentOutOfRangeException(nameof(review), review, "Not a refund review reason."),
    };
}
