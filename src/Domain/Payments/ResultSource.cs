namespace Shield.Domain.Payments;

/// <summary>How Shield learned an attempt's result.</summary>
public enum ResultSource
{
    /// <summary>Safaricom's callback (carries the receipt).</summary>
    Callback,

    /// <summary>STK Push Query (no receipt: a success known only this way completes the payment without one).</summary>
    Query,

    /// <summary>Shield gave up waiting (Reconciliation:ExpireAfter).</summary>
    Expiry,
}
