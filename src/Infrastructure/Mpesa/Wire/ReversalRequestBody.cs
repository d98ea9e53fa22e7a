using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>
/// POST /mpesa/reversal/v1/request (REFERENCE.md §11.1). <c>RecieverIdentifierType</c> is Daraja's own spelling: the
/// corrected one is rejected with 400.002.02. Amount is a JSON integer; no Occasion and no OriginatorConversationID
/// (neither is in the official table).
/// </summary>
internal sealed record ReversalRequestBody(
    [property: JsonPropertyName("Initiator")] string Initiator,
    [property: JsonPropertyName("SecurityCredential")] string SecurityCredential,
    [property: JsonPropertyName("CommandID")] string CommandId,
    [property: JsonPropertyName("TransactionID")] string TransactionId,
    [property: JsonPropertyName("Amount")] int Amount,
    [property: JsonPropertyName("ReceiverParty")] string ReceiverParty,
    [property: JsonPropertyName("RecieverIdentifierType")] string RecieverIdentifierType,
    [property: JsonPropertyName("ResultURL")] string ResultUrl,
    [property: JsonPropertyName("QueueTimeOutURL")] string QueueTimeOutUrl,
    [property: JsonPropertyName("Remarks")] string Remarks);
