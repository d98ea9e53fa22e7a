using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>Daraja's synchronous error body (REFERENCE.md §2.6): lower-camel-case keys, all strings.</summary>
internal sealed record DarajaError(
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("errorCode")] string ErrorCode,
    [property: JsonPropertyName("errorMessage")] string ErrorMessage);
