using System.ComponentModel.DataAnnotations;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>Configuration section <c>Payments</c>: the limits a client's request must respect.</summary>
public sealed class PaymentOptions
{
    public const string SectionName = "Payments";

    [Range(Amount.DarajaMinimum, Amount.DarajaMaximum)]
    public int MinAmount { get; set; } = Amount.DarajaMinimum;

    [Range(Amount.DarajaMinimum, Amount.DarajaMaximum)]
    public int MaxAmount { get; set; } = Amount.DarajaMaximum;

    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;
}
