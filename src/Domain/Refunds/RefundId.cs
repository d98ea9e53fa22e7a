namespace Shield.Domain.Refunds;

/// <summary>A refund's identity: a version 7 Guid, so ids sort by creation time. The domain assigns it.</summary>
public readonly record struct RefundId(Guid Value)
{
    public static RefundId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
