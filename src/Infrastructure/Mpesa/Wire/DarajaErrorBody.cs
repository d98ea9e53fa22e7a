using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>Daraja's error shape (REFERENCE.md §2.6): lower camel case, unlike its success bodies.</summary>
internal sealed record DarajaErrorBody(
    [property: JsonPropertyName("requestId")] string? RequestId,
    [property: JsonPropertyName("errorCode")] string? ErrorCode,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage);
