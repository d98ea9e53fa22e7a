namespace Shield.Domain.Payments;

/// <summary>Where a payment stands. Only Pending is open; Completed is final.</summary>
public enum PaymentStatus
{
    Pending,
    Completed,
    Failed,
    Cancelled,
    Expired,
}
