namespace Shield.Domain.Payments;

/// <summary>
/// Daraja's STK ResultCodes (REFERENCE.md §3.5) and what each means for a payment. The mapping is on the
/// code only, never on ResultDesc: the same code comes with different prose per channel and era.
/// </summary>
public static class ResultCodes
{
    public const string Success = "0";
    public const string StillProcessing = "4999";
    public const string CancelledByUser = "1032";
    public const string CancelledByUserAlternate = "1031";
    public const string NoResponseFromUser = "1037";
    public const string TransactionExpired = "1019";

    public static StkOutcome Classify(string resultCode) => resultCode.Trim() switch
    {
        Success => StkOutcome.Succeeded,
        StillProcessing => StkOutcome.StillProcessing,
        CancelledByUser or CancelledByUserAlternate => StkOutcome.Cancelled,
        NoResponseFromUser or TransactionExpired => StkOutcome.Expired,
        _ => StkOutcome.Failed,
    };
}
