using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Refunds;
using static Shield.Infrastructure.Mpesa.Callbacks.DarajaResultJson;

namespace Shield.Infrastructure.Mpesa.Callbacks;

/// <summary>
/// Reads what Safaricom posts about reversals (REFERENCE.md §11.3, §11.6), tolerating every shape seen or feared:
/// ResultCode/ResultType as numbers or strings ("R000002"), Value as a string, a number or absent, ResultParameter as
/// an array or a single object, ResultParameters absent on failure, ReferenceItem as an object or an array (never
/// read: its QueueTimeoutURL is Safaricom's own). Values are kept as sent: TransactionID on a failure is a zero-padded
/// placeholder ("SKE0000000"), which the domain, not this reader, tells from a receipt. Bodies are customer data:
/// nothing here logs them.
/// </summary>
internal sealed class ReversalResultReader : IReversalResultReader
{
    public bool TryReadResult(string body, [NotNullWhen(true)] out ReversalResult? result) =>
        DarajaResultJson.TryReadResult(body, ReadResult, out result);

    public (string? ConversationId, string? OriginatorConversationId) ReadTimeoutNotice(string body)
    {
        // The notice's shape was never published (§11.3): look where results carry the ids, then at the top level.
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var result = root.TryGetProperty("Result", out var inner) && inner.ValueKind == JsonValueKind.Object ? inner : (JsonElement?)null;
            return (Id(result, root, "ConversationID"), Id(result, root, "OriginatorConversationID"));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    public bool TryReadStatus(string body, bool timedOut, [NotNullWhen(true)] out ReversalStatusReport? report) =>
        DarajaResultJson.TryReadResult(body, result => ReadStatus(result, timedOut), out report);

    private static ReversalResult? ReadResult(JsonElement result)
    {
        if (ResultCode(result) is not { } resultCode)
        {
            return null;
        }

        var parameters = Parameters(result);
        return new ReversalResult(
            Limit(Text(result, "ConversationID")),
            Limit(Text(result, "OriginatorConversationID")),
            resultCode,
            Limit(Text(result, "ResultDesc")),
            Limit(Text(result, "TransactionID")),
            Amount(parameters.GetValueOrDefault("Amount")),
            Limit(parameters.GetValueOrDefault("OriginalTransactionID")),
            Timestamp(parameters.GetValueOrDefault("TransCompletedTime")));
    }

    /// <summary>The same reading as the payments' <see cref="TransactionStatusResultReader"/>; CompletedTime when FinalisedTime is missing.</summary>
    private static ReversalStatusReport? ReadStatus(JsonElement result, bool timedOut)
    {
        if (ResultCode(result) is not { } resultCode)
        {
            return null;
        }

        var parameters = Parameters(result);
        return new ReversalStatusReport(
            Limit(Text(result, "ConversationID")),
            Limit(Text(result, "OriginatorConversationID")),
            resultCode,
            Limit(Text(result, "ResultDesc")),
            Limit(parameters.GetValueOrDefault("ReceiptNo")),
            Amount(parameters.GetValueOrDefault("Amount")),
            Limit(parameters.GetValueOrDefault("TransactionStatus")),
            Timestamp(parameters.GetValueOrDefault("FinalisedTime")) ?? Timestamp(parameters.GetValueOrDefault("CompletedTime")),
            timedOut || IsTimeoutType(result));
    }

    private static string? Id(JsonElement? result, JsonElement root, string name) =>
        Limit((result is { } r ? Text(r, name) : null) is { Length: > 0 } nested ? nested : Text(root, name)) is { Length: > 0 } id ? id : null;
}
