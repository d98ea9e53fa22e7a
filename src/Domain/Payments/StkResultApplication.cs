namespace Shield.Domain.Payments;

/// <summary>What applying an STK result did to a payment; the callback inbox records it.</summary>
public enum StkResultApplication
{
    /// <summary>The result changed the attempt and, where it could, the payment.</summary>
    Applied,

    /// <summary>The attempt already had this (or an earlier terminal) result: nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// Kept on the attempt but not applied to the payment: the failure of an attempt that is no longer the payment's
    /// current one, or of a payment another attempt already settled. (A failure after the same attempt's success is
    /// a <see cref="Duplicate"/>: the attempt's first terminal result is final.)
    /// </summary>
    RecordedOnly,

    /// <summary>A success that does not match the payment: recorded, and the payment flagged for review.</summary>
    FlaggedForReview,
}
