using System.Diagnostics.CodeAnalysis;
using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// What the payment is for, sent to Daraja as TransactionDesc: 1 to 13 letters, digits, spaces or dashes.
/// Daraja refuses a push without it ("Invalid Remarks"), so a payment always has one.
/// </summary>
public sealed record Description
{
    public const int MaxLength = 13;

    /// <summary>Used when the client gives no description.</summary>
    public static readonly Description Default = new("Payment");

    private Description(string value) => Value = value;

    public string Value { get; }

    public static Description Parse(string input) =>
        TryParse(input, out var description) ? description : throw new DomainException($"A description is 1 to {MaxLength} letters, digits, spaces or dashes.");

    public static bool IsValid(string? input) => TryParse(input, out _);

    public static bool TryParse(string? input, [NotNullWhen(true)] out Description? description)
    {
        description = PromptText.IsValid(input, MaxLength) ? new Description(input!.Trim()) : null;
        return description is not null;
    }

    public override string ToString() => Value;
}
