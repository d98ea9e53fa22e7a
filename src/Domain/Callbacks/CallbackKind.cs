namespace Shield.Domain.Callbacks;

/// <summary>Which Safaricom notification a stored callback is.</summary>
public enum CallbackKind
{
    StkCallback,
    TransactionStatusResult,
    TransactionStatusTimeout,

    /// <summary>M-Pesa's result of a reversal (a refund), posted to its ResultURL.</summary>
    ReversalResult,

    /// <summary>A notice posted to a reversal's QueueTimeOutURL (its shape was never published).</summary>
    ReversalTimeout,

    /// <summary>Transaction Status's answer about a reversal, asked by its OriginatorConversationID.</summary>
    ReversalStatusResult,

    /// <summary>A queue timeout of such a Transaction Status query.</summary>
    ReversalStatusTimeout,
}

/// <summary>Which module reads a kind of callback.</summary>
public static class CallbackKinds
{
    /// <summary>The callbacks about payments: STK callbacks and Transaction Status results about payments.</summary>
    public static IReadOnlyList<CallbackKind> Payments { get; } =
        [CallbackKind.StkCallback, CallbackKind.TransactionStatusResult, CallbackKind.TransactionStatusTimeout];

    /// <summary>The callbacks about refunds.</summary>
    public static IReadOnlyList<CallbackKind> Refunds { get; } =
        [CallbackKind.ReversalResult, CallbackKind.ReversalTimeout, CallbackKind.ReversalStatusResult, CallbackKind.ReversalStatusTimeout];
}
