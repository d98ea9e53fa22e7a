using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>Transaction Status acknowledgement (REFERENCE.md §5.2): every value a JSON string. The result follows later.</summary>
internal sealed record TransactionStatusAccepted(
    [property: JsonPropertyName("OriginatorConversationID")] string OriginatorConversationId,
    [property: JsonPropertyName("ConversationID")] string ConversationId,
    [property: JsonPropertyName("ResponseCode")] string ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string ResponseDescription);
