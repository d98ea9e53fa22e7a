using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>OAuth answer (REFERENCE.md §1.3). <c>expires_in</c> is a JSON string, as observed live.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] string ExpiresIn);
