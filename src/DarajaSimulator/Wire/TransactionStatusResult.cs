using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>
/// A Transaction Status result. <c>ResultType</c> and <c>ResultCode</c> are written as given, a JSON number or a
/// JSON string, because the live API sends both. Failures and timeouts carry no ResultParameters; timeouts no
/// ReferenceData either.
/// </summary>
internal sealed record TransactionStatusResult(
    [property: JsonPropertyName("ResultType")] JsonElement ResultType,
    [property: JsonPropertyName("ResultCode")] JsonElement ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc,
    [property: JsonPropertyName("OriginatorConversationID")] string OriginatorConversationId,
    [property: JsonPropertyName("ConversationID")] string ConversationId,
    [property: JsonPropertyName("TransactionID")] string TransactionId,
    [property: JsonPropertyName("ResultParameters"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    TransactionStatusResultParameters? ResultParameters,
    [property: JsonPropertyName("ReferenceData"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    TransactionStatusReferenceData? ReferenceData);
