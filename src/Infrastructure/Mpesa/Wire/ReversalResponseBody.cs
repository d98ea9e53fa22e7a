using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>
/// Daraja's acknowledgement of a reversal (REFERENCE.md §11.2), also of a Transaction Status query about one. The doc's
/// table swaps the two ids' samples: they are read by key. ResponseCode is the string "0", read either way.
/// </summary>
internal sealed record ReversalResponseBody(
    [property: JsonPropertyName("OriginatorConversationID")] string? OriginatorConversationId,
    [property: JsonPropertyName("ConversationID")] string? ConversationId,
    [property: JsonPropertyName("ResponseCode")] JsonElement? ResponseCode,
    [property: JsonPropertyName("ResponseDescription")] string? ResponseDescription);
