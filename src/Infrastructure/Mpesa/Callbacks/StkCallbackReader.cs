using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Mpesa.Callbacks;

/// <summary>
/// Reads Safaricom's STK callback (REFERENCE.md §3): <c>Body.stkCallback</c> with a numeric (or string) ResultCode,
/// and for a success the CallbackMetadata items read by Name, never by index (Balance comes and goes, and may have
/// no Value; Amount may be 1 or 1.00; PhoneNumber and TransactionDate are numbers). Strict about what it must
/// have and the sizes it stores; anything else is malformed.
/// </summary>
internal sealed class StkCallbackReader : IStkCallbackReader
{
    private const int MaxIdLength = 64;
    private const int MaxResultCodeLength = 32;
    private const int MaxReceiptLength = 32;
    private const int MaxDescriptionLength = 256;

    /// <summary>Larger than any M-Pesa transaction (KES 250,000) by far, and small enough for every engine's column.</summary>
    private const decimal MaxAmount = 1_000_000_000m;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public bool TryRead(string body, [NotNullWhen(true)] out StkResult? result)
    {
        result = null;
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Body", out var envelope) || envelope.ValueKind != JsonValueKind.Object
                || !envelope.TryGetProperty("stkCallback", out var callback) || callback.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var checkoutRequestId = ReadText(callback, "CheckoutRequestID");
            var resultCode = ReadText(callback, "ResultCode");
            if (checkoutRequestId is not { Length: > 0 and <= MaxIdLength } || resultCode is not { Length: > 0 and <= MaxResultCodeLength })
            {
                return false;
            }

            if (!IsIdentifier(checkoutRequestId) || !IsIdentifier(resultCode))
            {
                return false;
            }

            var description = TextLimits.Clean(ReadText(callback, "ResultDesc"), MaxDescriptionLength);

            Receipt? receipt = null;
            if (ResultCodes.Classify(resultCode) == StkOutcome.Succeeded && !TryReadReceipt(callback, out receipt))
            {
                return false;
            }

            result = new StkResult(checkoutRequestId, resultCode, description, receipt);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string JSON can carry but .NET cannot (a lone surrogate, \uD800).
            return false;
        }
    }

    /// <summary>Ids and codes are printable ASCII: no control characters (a NUL cannot even be stored by PostgreSQL).</summary>
    private static bool IsIdentifier(string value) => value.All(c => c is > ' ' and <= '~');

    private static bool TryReadReceipt(JsonElement callback, [NotNullWhen(true)] out Receipt? receipt)
    {
        receipt = null;
        if (!callback.TryGetProperty("CallbackMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("Item", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        decimal? amount = null;
        string? number = null;
        string? phone = null;
        DateTimeOffset? paidAt = null;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || ReadText(item, "Name") is not { } name || !item.TryGetProperty("Value", out var value))
            {
                continue; // Balance often has no Value; unknown items are ignored
            }

            switch (name)
            {
                case "Amount":
                    amount = ReadDecimal(value);
                    break;
                case "MpesaReceiptNumber":
                    number = Text(value);
                    break;
                case "PhoneNumber":
                    phone = Text(value);
                    break;
                case "TransactionDate" when Text(value) is { } date && StkPassword.TryParseTimestamp(date, out var instant):
                    paidAt = instant;
                    break;
            }
        }

        if (amount is not (> 0 and < MaxAmount) || number is not { Length: > 0 and <= MaxReceiptLength } || !IsIdentifier(number)
            || phone is { Length: > MaxIdLength } || (phone is not null && !IsIdentifier(phone)))
        {
            return false;
        }

        receipt = new Receipt(number, amount.Value, paidAt, phone);
        return true;
    }

    private static string? ReadText(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>A string, or a number written as an integer (1032, not 1032.0: a code is never fractional).</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()?.Trim(),
        JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static decimal? ReadDecimal(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number,
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
