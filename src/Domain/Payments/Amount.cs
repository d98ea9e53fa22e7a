using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// A payment amount in whole Kenyan shillings. M-Pesa Express takes whole numbers only, from KES 1 to
/// KES 250,000 a transaction; tighter limits come from configuration (Payments:MinAmount, Payments:MaxAmount).
/// </summary>
public readonly record struct Amount
{
    public const int DarajaMinimum = 1;
    public const int DarajaMaximum = 250_000;

    public Amount(int value)
    {
        if (!IsValid(value))
        {
            throw new DomainException($"An amount is a whole number of KES from {DarajaMinimum} to {DarajaMaximum}.");
        }

        Value = value;
    }

    public int Value { get; }

    public static bool IsValid(int value) => value is >= DarajaMinimum and <= DarajaMaximum;

    /// <summary>True for a whole number of shillings within Daraja's limits (10.5 and 0 are not).</summary>
    public static bool IsValid(decimal value) => decimal.Truncate(value) == value && value is >= DarajaMinimum and <= DarajaMaximum;

    public override string ToString() => $"KES {Value}";
}
