namespace Shield.Domain.Payments;

/// <summary>Where one STK push stands.</summary>
public enum AttemptStatus
{
    /// <summary>Stored, about to be sent to Daraja.</summary>
    Sending,

    /// <summary>Daraja accepted the push; the customer has the prompt.</summary>
    AwaitingCustomer,
    Succeeded,
    Failed,
    Cancelled,
    Expired,

    /// <summary>Daraja refused the push synchronously; no prompt was shown.</summary>
    Rejected,

    /// <summary>The push may or may not have reached Daraja (timeout, lost connection). Never re-sent automatically.</summary>
    Unknown,
}
