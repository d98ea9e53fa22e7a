using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>POST /mpesa/transactionstatus/v1/query (REFERENCE.md §5.1, with the parameter table's names, not the sample's typos).</summary>
internal sealed record TransactionStatusRequestBody(
    [property: JsonPropertyName("Initiator")] string Initiator,
    [property: JsonPropertyName("SecurityCredential")] string SecurityCredential,
    [property: JsonPropertyName("CommandID")] string CommandId,
    [property: JsonPropertyName("TransactionID")] string TransactionId,
    [property: JsonPropertyName("PartyA")] string PartyA,
    [property: JsonPropertyName("IdentifierType")] string IdentifierType,
    [property: JsonPropertyName("ResultURL")] string ResultUrl,
    [property: JsonPropertyName("QueueTimeOutURL")] string QueueTimeOutUrl,
    [property: JsonPropertyName("Remarks")] string Remarks,
    [property: JsonPropertyName("Occasion")] string Occasion);
