using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Mpesa.Callbacks;

/// <summary>
/// Reads the Transaction Status result posted to ResultURL (or QueueTimeOutURL), tolerating every shape of
/// REFERENCE.md §5.3: ResultCode/ResultType as numbers or strings, ResultParameter values as strings, numbers or
/// absent, read by Key (order varies), ReferenceItem as an object or an array.
/// </summary>
internal sealed class TransactionStatusResultReader : ITransactionStatusResultReader
{
    private const int MaxTextLength = 256;

    public bool TryRead(string body, bool timedOut, [NotNullWhen(true)] out TransactionStatusReport? report)
    {
        report = null;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Result", out var result) || result.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var resultCode = Text(result, "ResultCode");
            if (resultCode is not { Length: > 0 and <= 32 })
            {
                return false;
            }

            var parameters = Parameters(result);
            report = new TransactionStatusReport(
                Limit(Text(result, "ConversationID")),
                Limit(Text(result, "OriginatorConversationID")),
                resultCode,
                Limit(Text(result, "ResultDesc")),
                Limit(parameters.GetValueOrDefault("ReceiptNo")),
                decimal.TryParse(parameters.GetValueOrDefault("Amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                    && amount is >= 0 and < 1_000_000_000m ? amount : null,
                Limit(parameters.GetValueOrDefault("TransactionStatus")),
                parameters.GetValueOrDefault("FinalisedTime") is { } finalised && StkPassword.TryParseTimestamp(finalised, out var at) ? at : null,
                timedOut || Text(result, "ResultType") == "1");
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Parameters(JsonElement result)
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

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString()?.Trim(),
                JsonValueKind.Number when value.TryGetDecimal(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;

    private static string? Limit(string? value) => TextLimits.Clean(value, MaxTextLength);
}
