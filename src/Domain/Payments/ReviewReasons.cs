namespace Shield.Domain.Payments;

/// <summary>Why a person must look at a payment (<see cref="Payment.ReviewReason"/>): stable codes clients and operators read.</summary>
public static class ReviewReasons
{
    /// <summary>A success reported a different amount than the payment's.</summary>
    public const string AmountMismatch = "amount_mismatch";

    /// <summary>A success reported a different (unmasked) phone than the payment's.</summary>
    public const string PhoneMismatch = "phone_mismatch";

    /// <summary>A success carried a receipt another payment already holds.</summary>
    public const string ReceiptReused = "receipt_reused";

    /// <summary>A second attempt succeeded after the payment had completed: the customer paid twice.</summary>
    public const string DuplicateCharge = "duplicate_charge";

    /// <summary>Transaction Status reported a record that differs from the payment.</summary>
    public const string VerificationMismatch = "verification_mismatch";

    /// <summary>A push may have reached the customer and its outcome was never learned: the customer may have paid.</summary>
    public const string OutcomeUnknown = FailureCatalogue.OutcomeUnknownCode;

    /// <summary>A stray callback was matched to an attempt by phone and amount, but Daraja's answer to that push named another.</summary>
    public const string PushAnswerMismatch = "push_answer_mismatch";

    /// <summary>
    /// Reasons that mean "Safaricom said the customer paid, but it does not fit this payment": whether it is paid is a
    /// person's decision, so the reconciler leaves such a payment alone (it never expires it, nor completes it by query).
    /// </summary>
    public static IReadOnlyList<string> HoldReconciliation { get; } = [AmountMismatch, PhoneMismatch, ReceiptReused, PushAnswerMismatch];
}
