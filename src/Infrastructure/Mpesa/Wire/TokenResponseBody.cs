using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>OAuth answer (REFERENCE.md §1.3): expires_in is a string on the live API and a number in the docs.</summary>
internal sealed record TokenResponseBody(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("expires_in"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? ExpiresIn);
