using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>What a client asks for when it starts a payment: a repeated Idempotency-Key must ask for the same.</summary>
public sealed record PaymentRequest(Msisdn PhoneNumber, Amount Amount, AccountReference AccountReference, Description Description)
{
    public static PaymentRequest Of(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(payment.PhoneNumber, payment.Amount, payment.AccountReference, payment.Description);
    }

    /// <summary>
    /// Whether this request, sent again with <paramref name="original"/>'s Idempotency-Key, is answered with that payment:
    /// refused when it asks for something else (naming the fields, as clients name them), or while the first request's
    /// push is still being sent.
    /// </summary>
    public Result Replays(Payment original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var differences = DifferencesFrom(Of(original)).ToList();
        if (differences.Count > 0)
        {
            return PaymentErrors.IdempotencyKeyReused(differences);
        }

        return original.Attempts[0].Status == AttemptStatus.Sending ? PaymentErrors.IdempotencyKeyInUse() : Result.Success();
    }

    /// <summary>The fields, as clients name them, in which this request differs from <paramref name="first"/>.</summary>
    private IEnumerable<string> DifferencesFrom(PaymentRequest first)
    {
        if (first.PhoneNumber != PhoneNumber)
        {
            yield return "phoneNumber";
        }

        if (first.Amount != Amount)
        {
            yield return "amount";
        }

        if (first.AccountReference != AccountReference)
        {
            yield return "accountReference";
        }

        if (first.Description != Description)
        {
            yield return "description";
        }
    }
}
