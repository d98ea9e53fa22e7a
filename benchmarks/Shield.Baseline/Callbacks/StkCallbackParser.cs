using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Shield.Baseline.Callbacks;

/// <summary>
/// Reads <c>Body.stkCallback</c> with the rules of Shield's StkCallbackReader: ids and codes are printable ASCII of
/// bounded length; ResultCode may be a number or a string; a success needs CallbackMetadata items (read by Name) with
/// an Amount and a MpesaReceiptNumber; TransactionDate is East Africa Time.
/// </summary>
internal static class StkCallbackParser
{
    private const int MaxIdLength = 64;
    private const int MaxResultCodeLength = 32;
    private const int MaxReceiptLength = 32;
    private const int MaxDescriptionLength = 256;
    private const decimal MaxAmount = 1_000_000_000m;
    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static bool TryParse(string body, [NotNullWhen(true)] out StkResult? result)
    {
        result = null;
        try
        {
            using var document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Body", out var envelope) || envelope.ValueKind != JsonValueKind.Object
                || !envelope.TryGetProperty("stkCallback", out var callback) || callback.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var checkoutRequestId = ReadText(callback, "CheckoutRequestID");
            var resultCode = ReadText(callback, "ResultCode");
            if (checkoutRequestId is not { Length: > 0 and <= MaxIdLength } || !IsIdentifier(checkoutRequestId)
                || resultCode is not { Length: > 0 and <= MaxResultCodeLength } || !IsIdentifier(resultCode))
            {
                return false;
            }

            var description = Clean(ReadText(callback, "ResultDesc"));
            if (resultCode != "0")
            {
                result = new StkResult(checkoutRequestId, resultCode, description);
                return true;
            }

            if (!callback.TryGetProperty("CallbackMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
                || !metadata.TryGetProperty("Item", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            decimal? amount = null;
            string? receipt = null;
            DateTimeOffset? paidAt = null;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || ReadText(item, "Name") is not { } name || !item.TryGetProperty("Value", out var value))
                {
                    continue;
                }

                switch (name)
                {
                    case "Amount":
                        amount = value.ValueKind switch
                        {
                            JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
                            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
                            _ => null,
                        };
                        break;
                    case "MpesaReceiptNumber":
                        receipt = Text(value);
                        break;
                    case "TransactionDate" when Text(value) is { Length: 14 } date
                        && DateTime.TryParseExact(date, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                        && local.Year is >= 2000 and <= 9998:
                        paidAt = new DateTimeOffset(local, EastAfricaTime).ToUniversalTime();
                        break;
                }
            }

            if (amount is not (> 0 and < MaxAmount) || receipt is not { Length: > 0 and <= MaxReceiptLength } || !IsIdentifier(receipt))
            {
                return false;
            }

            result = new StkResult(checkoutRequestId, resultCode, description, receipt, amount, paidAt);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsIdentifier(string value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static string? ReadText(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? Text(value) : null;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()?.Trim(),
        JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>No control characters, at most 256 characters (the column's size).</summary>
    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                text = string.Concat(text.Where(k => !char.IsControl(k)));
                break;
            }
        }

        return text.Length <= MaxDescriptionLength ? text : text[..MaxDescriptionLength];
    }
}
