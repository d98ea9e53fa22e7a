namespace Shield.Domain.Payments;

/// <summary>What the reconciler's look at one attempt did.</summary>
public enum ReconciliationOutcome
{
    /// <summary>No outcome yet: the next query is scheduled.</summary>
    StillWaiting,

    /// <summary>Safaricom's answer settled the attempt (as a callback would).</summary>
    Settled,

    /// <summary>No outcome within the expiry window: the attempt expired.</summary>
    Expired,
}
