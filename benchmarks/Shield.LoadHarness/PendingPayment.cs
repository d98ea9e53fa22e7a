using System.Text.Json;

namespace Shield.LoadHarness;

/// <summary>A payment a run created, as its 202 answer described it: what its callback and reads need.</summary>
internal sealed record PendingPayment(int PhoneIndex, Guid Id, string CheckoutRequestId, string MerchantRequestId)
{
    /// <summary>Reads the 202 answer (Shield's PaymentDetails, which the baseline copies): id and attempt #1's Daraja ids.</summary>
    public static PendingPayment FromAnswer(int phoneIndex, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var attempt = root.GetProperty("attempts")[0];
        return new PendingPayment(phoneIndex, root.GetProperty("id").GetGuid(),
            attempt.GetProperty("checkoutRequestId").GetString() ?? throw new InvalidDataException("The 202 answer has no checkoutRequestId."),
            attempt.GetProperty("merchantRequestId").GetString() ?? throw new InvalidDataException("The 202 answer has no merchantRequestId."));
    }
}
