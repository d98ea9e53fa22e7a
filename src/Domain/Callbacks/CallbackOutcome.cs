namespace Shield.Domain.Callbacks;

/// <summary>What became of a stored callback.</summary>
public enum CallbackOutcome
{
    /// <summary>Stored, not yet processed.</summary>
    Received,
    Applied,
    Duplicate,

    /// <summary>Its CheckoutRequestID matches no attempt (yet): kept and applied when the attempt becomes known.</summary>
    Unmatched,

    /// <summary>Not a callback Shield can read. Kept for people to look at.</summary>
    Malformed,

    /// <summary>Recorded on the attempt but not applied to the payment (a failure after a success).</summary>
    RecordedOnly,

    /// <summary>A success that did not match its payment.</summary>
    FlaggedForReview,

    /// <summary>From an address outside Mpesa:CallbackAllowedIps: kept, not applied (replay it if the allow-list was wrong).</summary>
    SourceRejected,
}
