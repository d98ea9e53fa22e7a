using System.Diagnostics.CodeAnalysis;
using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// The account the customer pays for, shown in the M-Pesa prompt and SMS: 1 to 12 letters, digits, spaces
/// or dashes (Daraja documents 12 characters as the limit and special characters break requests).
/// </summary>
public sealed record AccountReference
{
    public const int MaxLength = 12;

    private AccountReference(string value) => Value = value;

    public string Value { get; }

    public static AccountReference Parse(string input) =>
        TryParse(input, out var reference) ? reference : throw new DomainException($"An account reference is 1 to {MaxLength} letters, digits, spaces or dashes.");

    public static bool IsValid(string? input) => TryParse(input, out _);

    public static bool TryParse(string? input, [NotNullWhen(true)] out AccountReference? reference)
    {
        reference = PromptText.IsValid(input, MaxLength) ? new AccountReference(input!.Trim()) : null;
        return reference is not null;
    }

    public override string ToString() => Value;
}
