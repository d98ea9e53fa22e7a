namespace Shield.Domain.Refunds;

/// <summary>
/// Where a refund stands. Pending and Unknown are open (they may be at M-Pesa); AwaitingApproval holds its payment's one
/// open slot too, but nothing was sent. Stored by name, so appending a member keeps every stored row's meaning.
/// </summary>
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

    /// <summary>Requested by an operator and held for a different one's approval (the console's maker-checker): nothing was sent to Daraja.</summary>
    AwaitingApproval,
}
