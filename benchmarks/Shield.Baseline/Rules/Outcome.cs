namespace Shield.Baseline.Rules;

/// <summary>Shield's enum names, stored as strings (HasConversion&lt;string&gt;), for the values the baseline writes or reads.</summary>
internal static class Outcome
{
    // PaymentStatus
    public const string Pending = "Pending";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Cancelled = "Cancelled";
    public const string Expired = "Expired";

    // AttemptStatus (besides Failed, Cancelled, Expired)
    public const string Sending = "Sending";
    public const string AwaitingCustomer = "AwaitingCustomer";
    public const string Succeeded = "Succeeded";
    public const string Rejected = "Rejected";
    public const string Unknown = "Unknown";

    // CallbackOutcome
    public const string Applied = "Applied";
    public const string Duplicate = "Duplicate";
    public const string Unmatched = "Unmatched";
    public const string Malformed = "Malformed";
    public const string RecordedOnly = "RecordedOnly";

    /// <summary>Shield's PaymentAttempt.IsTerminal (Unknown is not terminal: it may still get a result).</summary>
    public static bool IsTerminalAttempt(string status) =>
        status is Succeeded or Failed or Cancelled or Expired or Rejected;

    /// <summary>
    /// Shield's ResultCodes.Classify, as (attempt status, payment status) for a callback's ResultCode; null for 4999
    /// (still processing, not an outcome).
    /// </summary>
    public static (string Attempt, string Payment)? ForResultCode(string resultCode) => resultCode.Trim() switch
    {
        "0" => (Succeeded, Completed),
        "4999" => null,
        "1032" or "1031" => (Cancelled, Cancelled),
        "1037" or "1019" => (Expired, Expired),
        _ => (Failed, Failed),
    };
}
