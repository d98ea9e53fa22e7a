using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>STK Push Query answer (REFERENCE.md §4.2, §4.3): every value a JSON string, ResultCode included.</summary>
internal sealed record StkQueryAnswer(
    [property: JsonPropertyName("ResponseCode")] string ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string ResponseDescription,
    [property: JsonPropertyName("MerchantRequestID")] string MerchantRequestId,
    [property: JsonPropertyName("CheckoutRequestID")] string CheckoutRequestId,
    [property: JsonPropertyName("ResultCode")] string ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc);
