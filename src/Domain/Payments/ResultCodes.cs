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

    /// <summary>
    /// Comparisons, not a switch on the constants: Stryker's mutants of an <c>or</c> pattern (to <c>and</c>) do not
    /// compile, so a switch left this mapping unmeasured by mutation testing (docs/testing.md).
    /// </summary>
    public static StkOutcome Classify(string resultCode)
    {
        var code = resultCode.Trim();
        if (code == Success)
        {
            return StkOutcome.Succeeded;
        }

        if (code == StillProcessing)
        {
            return StkOutcome.StillProcessing;
        }

        if (code == CancelledByUser || code == CancelledByUserAlternate)
        {
            return StkOutcome.Cancelled;
        }

        return code == NoResponseFromUser || code == TransactionExpired ? StkOutcome.Expired : StkOutcome.Failed;
    }
}
