namespace Shield.Domain.Callbacks;

/// <summary>Which Safaricom notification a stored callback is.</summary>
public enum CallbackKind
{
    StkCallback,
    TransactionStatusResult,
    TransactionStatusTimeout,
}
