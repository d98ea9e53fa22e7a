using System.Text.Json.Serialization;

namespace Shield.Baseline.Json;

// Daraja's wire format (REFERENCE.md §1.3, §2.1-2.6), names exactly as Daraja spells them. Tiny records, grouped here on purpose.

internal sealed record StkPushBody(
    [property: JsonPropertyName("BusinessShortCode")] string BusinessShortCode,
    [property: JsonPropertyName("Password")] string Password,
    [property: JsonPropertyName("Timestamp")] string Timestamp,
    [property: JsonPropertyName("TransactionType")] string TransactionType,
    [property: JsonPropertyName("Amount")] int Amount,
    [property: JsonPropertyName("PartyA")] string PartyA,
    [property: JsonPropertyName("PartyB")] string PartyB,
    [property: JsonPropertyName("PhoneNumber")] string PhoneNumber,
    [property: JsonPropertyName("CallBackURL")] string CallBackUrl,
    [property: JsonPropertyName("AccountReference")] string AccountReference,
    [property: JsonPropertyName("TransactionDesc")] string TransactionDesc);

/// <summary>Either of Daraja's answer shapes: success (PascalCase) or error (camelCase), on any HTTP status.</summary>
internal sealed record DarajaAnswer(
    [property: JsonPropertyName("MerchantRequestID")] string? MerchantRequestId,
    [property: JsonPropertyName("CheckoutRequestID")] string? CheckoutRequestId,
    [property: JsonPropertyName("ResponseCode")] string? ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string? ResponseDescription,
    [property: JsonPropertyName("errorCode")] string? ErrorCode,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage);

/// <summary>OAuth answer: expires_in is a string on the live API and a number in the docs (numbers are read from strings).</summary>
internal sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn);
