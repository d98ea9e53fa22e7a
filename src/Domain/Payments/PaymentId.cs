namespace Shield.Domain.Payments;

/// <summary>A payment's identity: a version 7 Guid, so ids sort by creation time. The domain assigns it.</summary>
public readonly record struct PaymentId(Guid Value)
{
    public static PaymentId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
