using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>Daraja's acknowledgement of a Transaction Status query (REFERENCE.md §5.2).</summary>
internal sealed record TransactionStatusResponseBody(
    [property: JsonPropertyName("OriginatorConversationID")] string? OriginatorConversationId,
    [property: JsonPropertyName("ConversationID")] string? ConversationId,
    [property: JsonPropertyName("ResponseCode")] string? ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string? ResponseDescription);
