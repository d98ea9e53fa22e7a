using Shield.Domain.Common;

namespace Shield.Domain.Refunds;

/// <summary>Why the money is returned, in the client's words: 1 to 100 characters. Sent to M-Pesa as the reversal's Remarks.</summary>
public sealed record RefundReason
{
    public const int MaxLength = 100;

    private RefundReason(string value) => Value = value;

    public string Value { get; }

    /// <summary>Daraja's Remarks (2 to 100 characters): the reason, prefixed when it is a single character.</summary>
    public string Remarks => Value.Length >= 2 ? Value : $"Refund: {Value}";

    public static bool IsValid(string? value) => value?.Trim() is { Length: >= 1 and <= MaxLength } trimmed && !trimmed.Any(char.IsControl);

    public static RefundReason From(string value) =>
        IsValid(value) ? new RefundReason(value.Trim()) : throw new DomainException($"A refund reason has 1 to {MaxLength} characters and no control characters.");

    /// <summary>A reason as stored (it was valid when stored).</summary>
    public static RefundReason FromStored(string value) => new(value);

    public override string ToString() => Value;
}
