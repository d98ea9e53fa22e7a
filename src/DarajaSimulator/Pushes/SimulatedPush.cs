using Shield.DarajaSimulator.Scenarios;

namespace Shield.DarajaSimulator.Pushes;

/// <summary>An accepted STK push and everything needed to answer queries and post its callback.</summary>
/// <param name="MerchantRequestId">Daraja's MerchantRequestID.</param>
/// <param name="CheckoutRequestId">Daraja's CheckoutRequestID (the store's key).</param>
/// <param name="Amount">Whole KES amount.</param>
/// <param name="PhoneNumber">The MSISDN that got the prompt (12 digits).</param>
/// <param name="CallbackUrl">The exact CallBackURL the push carried. Secret: never log it.</param>
/// <param name="Scenario">The customer's behaviour.</param>
/// <param name="ReceiptNumber">The receipt a successful payment carries (the same on a duplicate callback); null on failure.</param>
/// <param name="AcceptedAt">When the push was accepted.</param>
/// <param name="FinalAt">When the outcome becomes final and the callback is due.</param>
internal sealed record SimulatedPush(
    string MerchantRequestId,
    string CheckoutRequestId,
    int Amount,
    string PhoneNumber,
    Uri CallbackUrl,
    CustomerScenario Scenario,
    string? ReceiptNumber,
    DateTimeOffset AcceptedAt,
    DateTimeOffset FinalAt)
{
    /// <summary>The CheckoutRequestID with its embedded MSISDN masked: the only form that may be logged.</summary>
    public string LoggedCheckoutRequestId { get; } = PhoneMask.MaskCheckoutRequestId(CheckoutRequestId);
}
