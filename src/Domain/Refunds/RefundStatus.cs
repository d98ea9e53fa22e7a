namespace Shield.Domain.Refunds;

/// <summary>Where a refund stands. Pending and Unknown are open: a payment has at most one open refund.</summary>
public enum RefundStatus
{
    /// <summary>Stored before Daraja is called; then submitted (Daraja acknowledged it) and waiting for M-Pesa's result.</summary>
    Pending,

    /// <summary>M-Pesa reversed the payment (or a verification, or an operator, showed it did).</summary>
    Succeeded,

    /// <summary>M-Pesa refused it, or Daraja refused the request (nothing was sent). No money moved.</summary>
    Failed,

    /// <summary>The request may have reached M-Pesa and its outcome is not known: never sent again; verified, or settled by an operator.</summary>
    Unknown,
}
