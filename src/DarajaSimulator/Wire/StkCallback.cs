using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>The STK callback proper. ResultCode is a JSON number; failures carry no CallbackMetadata.</summary>
internal sealed record StkCallback(
    [property: JsonPropertyName("MerchantRequestID")] string MerchantRequestId,
    [property: JsonPropertyName("CheckoutRequestID")] string CheckoutRequestId,
    [property: JsonPropertyName("ResultCode")] int ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc,
    [property: JsonPropertyName("CallbackMetadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    StkCallbackMetadata? CallbackMetadata);
