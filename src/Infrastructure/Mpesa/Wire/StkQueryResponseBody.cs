using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>Daraja's STK Push Query answer (REFERENCE.md §4.2-4.3). ResultCode is a string here, but is read either way.</summary>
internal sealed record StkQueryResponseBody(
    [property: JsonPropertyName("ResponseCode")] JsonElement? ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string? ResponseDescription,
    [property: JsonPropertyName("MerchantRequestID")] string? MerchantRequestId,
    [property: JsonPropertyName("CheckoutRequestID")] string? CheckoutRequestId,
    [property: JsonPropertyName("ResultCode")] JsonElement? ResultCode,
    [property: JsonPropertyName("ResultDesc")] string? ResultDesc);
