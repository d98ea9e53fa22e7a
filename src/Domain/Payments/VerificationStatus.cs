namespace Shield.Domain.Payments;

/// <summary>Where a Transaction Status check of a completed payment stands.</summary>
public enum VerificationStatus
{
    /// <summary>Asked; Safaricom's answer has not arrived yet.</summary>
    Requested,

    /// <summary>Safaricom's record matches the payment (receipt, amount, Completed).</summary>
    Confirmed,

    /// <summary>Safaricom's record differs from the payment: it is flagged for review.</summary>
    Mismatch,

    /// <summary>Safaricom answered with an error (for example a wrong initiator credential).</summary>
    Failed,

    /// <summary>Safaricom's queue timed out before answering.</summary>
    TimedOut,
}
