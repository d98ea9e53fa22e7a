using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>POST /mpesa/stkpush/v1/processrequest (REFERENCE.md §2.1-2.2). Amount is a JSON integer; the rest strings.</summary>
internal sealed record StkPushRequestBody(
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
