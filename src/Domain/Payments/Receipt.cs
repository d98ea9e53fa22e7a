namespace Shield.Domain.Payments;

/// <summary>What Safaricom reports about a successful payment (from the callback's CallbackMetadata).</summary>
public sealed record Receipt(string Number, decimal Amount, DateTimeOffset? PaidAt, string? PhoneNumber)
{
    /// <summary>
    /// Why this receipt does not fit a payment of <paramref name="amount"/> to <paramref name="phone"/>, or null when it
    /// does: another amount, or another phone (only when Safaricom sent it unmasked, all digits).
    /// </summary>
    public ReviewReason? Contradicts(Amount amount, Msisdn phone)
    {
        if (Amount != amount.Value)
        {
            return ReviewReason.AmountMismatch;
        }

        var comparable = PhoneNumber is not null && PhoneNumber.All(char.IsAsciiDigit);
        return comparable && PhoneNumber != phone.Value ? ReviewReason.PhoneMismatch : null;
    }
}
