using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>
/// POST /mpesa/transactionstatus/v1/query about a reversal (REFERENCE.md §5.1, §11.6): keyed by
/// <c>OriginalConversationID</c> (the reversal acknowledgement's OriginatorConversationID), with no TransactionID.
/// </summary>
internal sealed record ReversalStatusRequestBody(
    [property: JsonPropertyName("Initiator")] string Initiator,
    [property: JsonPropertyName("SecurityCredential")] string SecurityCredential,
    [property: JsonPropertyName("CommandID")] string CommandId,
    [property: JsonPropertyName("OriginalConversationID")] string OriginalConversationId,
    [property: JsonPropertyName("PartyA")] string PartyA,
    [property: JsonPropertyName("IdentifierType")] string IdentifierType,
    [property: JsonPropertyName("ResultURL")] string ResultUrl,
    [property: JsonPropertyName("QueueTimeOutURL")] string QueueTimeOutUrl,
    [property: JsonPropertyName("Remarks")] string Remarks,
    [property: JsonPropertyName("Occasion")] string Occasion);
