using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>STK Push accepted (REFERENCE.md §2.5): every value a JSON string.</summary>
internal sealed record StkPushAccepted(
    [property: JsonPropertyName("MerchantRequestID")] string MerchantRequestId,
    [property: JsonPropertyName("CheckoutRequestID")] string CheckoutRequestId,
    [property: JsonPropertyName("ResponseCode")] string ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string ResponseDescription,
    [property: JsonPropertyName("CustomerMessage")] string CustomerMessage);
