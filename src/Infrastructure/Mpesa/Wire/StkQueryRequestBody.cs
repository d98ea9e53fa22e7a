using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>POST /mpesa/stkpushquery/v1/query (REFERENCE.md §4.1).</summary>
internal sealed record StkQueryRequestBody(
    [property: JsonPropertyName("BusinessShortCode")] string BusinessShortCode,
    [property: JsonPropertyName("Password")] string Password,
    [property: JsonPropertyName("Timestamp")] string Timestamp,
    [property: JsonPropertyName("CheckoutRequestID")] string CheckoutRequestId);
