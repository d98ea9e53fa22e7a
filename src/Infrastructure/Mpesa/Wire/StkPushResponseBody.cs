using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>Daraja's answer to an STK push (REFERENCE.md §2.5): every value a string, "0" meaning accepted (not paid).</summary>
internal sealed record StkPushResponseBody(
    [property: JsonPropertyName("MerchantRequestID")] string? MerchantRequestId,
    [property: JsonPropertyName("CheckoutRequestID")] string? CheckoutRequestId,
    [property: JsonPropertyName("ResponseCode")] string? ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string? ResponseDescription,
    [property: JsonPropertyName("CustomerMessage")] string? CustomerMessage);
