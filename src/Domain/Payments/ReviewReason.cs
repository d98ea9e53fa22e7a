namespace Shield.Domain.Payments;

/// <summary>
/// Why a person must look at a payment (<see cref="Payment.ReviewReason"/>): a closed set, each with the stable code
/// clients, operators and the database read.
/// </summary>
public sealed record ReviewReason
{
    private ReviewReason(string code, bool holdsReconciliation)
    {
        Code = code;
        HoldsReconciliation = holdsReconciliation;
    }

    /// <summary>A success reported a different amount than the payment's.</summary>
    public static ReviewReason AmountMismatch { get; } = new("amount_mismatch", holdsReconciliation: true);

    /// <summary>A success reported a different (unmasked) phone than the payment's.</summary>
    public static ReviewReason PhoneMismatch { get; } = new("phone_mismatch", holdsReconciliation: true);

    /// <summary>A success carried a receipt another payment already holds.</summary>
    public static ReviewReason ReceiptReused { get; } = new("receipt_reused", holdsReconciliation: true);

    /// <summary>A second attempt succeeded after the payment had completed: the customer paid twice.</summary>
    public static ReviewReason DuplicateCharge { get; } = new("duplicate_charge", holdsReconciliation: false);

    /// <summary>Transaction Status reported a record that differs from the payment.</summary>
    public static ReviewReason VerificationMismatch { get; } = new("verification_mismatch", holdsReconciliation: false);

    /// <summary>A push may have reached the customer and its outcome was never learned: the customer may have paid.</summary>
    public static ReviewReason OutcomeUnknown { get; } = new(FailureCatalogue.OutcomeUnknownCode, holdsReconciliation: false);

    /// <summary>A stray callback was matched to an attempt by phone and amount, but Daraja's answer to that push named another.</summary>
    public static ReviewReason PushAnswerMismatch { get; } = new("push_answer_mismatch", holdsReconciliation: true);

    public static IReadOnlyList<ReviewReason> All { get; } =
        [AmountMismatch, PhoneMismatch, ReceiptReused, DuplicateCharge, VerificationMismatch, OutcomeUnknown, PushAnswerMismatch];

    /// <summary>The codes of the reasons that hold reconciliation, as the database stores them (for its selection of due payments).</summary>
    public static IReadOnlyList<string> HoldingCodes { get; } = [.. All.Where(r => r.HoldsReconciliation).Select(r => r.Code)];

    /// <summary>The stable code: <c>amount_mismatch</c>, <c>outcome_unknown</c>, ...</summary>
    public string Code { get; }

    /// <summary>
    /// "Safaricom said the customer paid, but it does not fit this payment": whether it is paid is a person's decision,
    /// so the reconciler leaves such a payment alone (it never expires it, nor completes it by query).
    /// </summary>
    public bool HoldsReconciliation { get; }

    /// <summary>The reason with this code; a code that is none of them is a bug (or a row written by a newer version).</summary>
    public static ReviewReason FromCode(string code) =>
        All.FirstOrDefault(r => r.Code == code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Not a review reason.");

    public override string ToString() => Code;
}
