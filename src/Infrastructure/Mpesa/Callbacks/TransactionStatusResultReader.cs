using System.Diagnostics.CodeAnalysis;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using static Shield.Infrastructure.Mpesa.Callbacks.DarajaResultJson;

namespace Shield.Infrastructure.Mpesa.Callbacks;

/// <summary>
/// Reads the Transaction Status result posted to ResultURL (or QueueTimeOutURL), tolerating every shape of
/// REFERENCE.md §5.3 (see <see cref="DarajaResultJson"/>): ResultCode/ResultType as numbers or strings, ResultParameter
/// values as strings, numbers or absent, read by Key (order varies), ReferenceItem as an object or an array.
/// </summary>
internal sealed class TransactionStatusResultReader : ITransactionStatusResultReader
{
    public bool TryRead(string body, bool timedOut, [NotNullWhen(true)] out TransactionStatusReport? report) =>
        TryReadResult(body, result => Read(result, timedOut), out report);

    private static TransactionStatusReport? Read(System.Text.Json.JsonElement result, bool timedOut)
    {
        if (ResultCode(result) is not { } resultCode)
        {
            return null;
        }

        var parameters = Parameters(result);
        return new TransactionStatusReport(
            Limit(Text(result, "ConversationID")),
            Limit(Text(result, "OriginatorConversationID")),
            resultCode,
            Limit(Text(result, "ResultDesc")),
            Limit(parameters.GetValueOrDefault("ReceiptNo")),
            Amount(parameters.GetValueOrDefault("Amount")),
            Limit(parameters.GetValueOrDefault("TransactionStatus")),
            Timestamp(parameters.GetValueOrDefault("FinalisedTime")),
            timedOut || IsTimeoutType(result));
    }
}
