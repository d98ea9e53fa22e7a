using System.Text.Json;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>Reads request fields the way Daraja accepts them. Names are case-sensitive.</summary>
internal static class JsonFields
{
    /// <summary>A "numeric" Daraja field: a JSON number (as written) or a JSON string; null when absent or of another type.</summary>
    public static string? GetNumberOrString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>A JSON string field; null when absent or not a string.</summary>
    public static string? GetString(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
