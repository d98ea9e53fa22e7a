namespace Shield.Domain.Refunds;

/// <summary>Why a reversal request may have been sent without Shield learning so (REFERENCE.md §11.2: "maybe submitted").</summary>
public enum ReversalNoAnswer
{
    /// <summary>The connection failed before an answer.</summary>
    Unreachable,

    /// <summary>No answer within Mpesa:RequestTimeout.</summary>
    TimedOut,

    /// <summary>Daraja answered 5xx.</summary>
    ServerError,

    /// <summary>Daraja answered something Shield cannot read (not its acknowledgement, not its error body).</summary>
    Unreadable,
}
