using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Shield.Infrastructure.Mpesa.Callbacks;

/// <summary>
/// The tolerant reading shared by the bodies of Daraja's initiator APIs (Transaction Status, Reversal), REFERENCE.md
/// §5.3 and §11.3: a <c>Result</c> object whose codes are numbers or strings, whose ResultParameter is an array or a
/// single object of Key/Value items read by Key (order varies), whose values are strings, numbers or absent.
/// ReferenceData is never read. Text is cleaned and cut to <see cref="MaxTextLength"/>.
/// </summary>
internal static class DarajaResultJson
{
    public const int MaxTextLength = 256;
    private const int MaxResultCodeLength = 32;

    /// <summary>
    /// Parses <paramref name="body"/> and hands its <c>Result</c> object to <paramref name="read"/>; false when the body
    /// is not JSON, not an object, has no Result object, or <paramref name="read"/> returns null.
    /// </summary>
    public static bool TryReadResult<T>(string body, Func<JsonElement, T?> read, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var document = Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Result", out var result) || result.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            value = read(result);
            return value is not null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    public static JsonDocument Parse(string body) => JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });

    /// <summary>ResultCode as text (number 0 is "0"), or null when absent or not a plausible code.</summary>
    public static string? ResultCode(JsonElement result) =>
        Text(result, "ResultCode") is { Length: > 0 and <= MaxResultCodeLength } code ? code : null;

    /// <summary>ResultType "1" means "waiting for further messages": a timeout.</summary>
    public static bool IsTimeoutType(JsonElement result) => Text(result, "ResultType") == "1";

    /// <summary>ResultParameters' Key/Value items that carry a value; the first of a repeated key wins.</summary>
    public static Dictionary<string, string> Parameters(JsonElement result)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!result.TryGetProperty("ResultParameters", out var container) || container.ValueKind != JsonValueKind.Object
            || !container.TryGetProperty("ResultParameter", out var items))
        {
            return values;
        }

        // One parameter may come as an object instead of an array of one.
        var list = items.ValueKind switch
        {
            JsonValueKind.Array => items.EnumerateArray().ToList(),
            JsonValueKind.Object => [items],
            _ => [],
        };
        foreach (var item in list)
        {
            if (item.ValueKind == JsonValueKind.Object && Text(item, "Key") is { } key && Text(item, "Value") is { } value)
            {
                values.TryAdd(key, value);
            }
        }

        return values;
    }

    /// <summary>A string (trimmed) or a number (as written, invariant: 1.00 is "1.00"); null for anything else or absent.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()?.Trim(),
                JsonValueKind.Number when value.TryGetDecimal(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;

    /// <summary>An amount in KES from "1.00", 1.00 or "100"; null when unreadable or implausible.</summary>
    public static decimal? Amount(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount is >= 0 and < 1_000_000_000m
            ? amount
            : null;

    /// <summary>yyyyMMddHHmmss in East Africa Time (UTC+3), as Daraja writes times; null when unreadable.</summary>
    public static DateTimeOffset? Timestamp(string? text) =>
        text is not null && StkPassword.TryParseTimestamp(text, out var at) ? at : null;

    public static string? Limit(string? value) => TextLimits.Clean(value, MaxTextLength);
}
