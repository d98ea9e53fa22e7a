namespace Shield.Domain.Payments;

/// <summary>What a Daraja ResultCode means for an attempt.</summary>
public enum StkOutcome
{
    Succeeded,
    Cancelled,
    Expired,
    Failed,

    /// <summary>Not an outcome yet (STK Push Query's 4999).</summary>
    StillProcessing,
}
