using System.Globalization;
using System.Text.Json;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.TransactionStatus;

/// <summary>
/// Builds the bodies posted to ResultURL and QueueTimeOutURL in the shapes of REFERENCE.md §5.3, with the live API's
/// mixed JSON types on purpose (see <see cref="Scenarios.ScenarioTable"/> for the hooks).
/// </summary>
internal static class TransactionStatusResultFactory
{
    public const string SuccessDesc = "The service request is processed successfully.";
    public const string InitiatorInvalidDesc = "The initiator information is invalid.";
    public const string InternalFailureDesc = "Internal Failure";
    public const string TimedOutDesc = "The service request timed out.";

    private const int ResultTypeCompleted = 0;
    private const int ResultTypeTimedOut = 1;
    private const int InitiatorInvalidCode = 2001;
    private const int InternalFailureCode = 17;
    private const int TimedOutCode = 1;

    /// <summary>Daraja's own queue-timeout address, which it echoes in array-shaped ReferenceData.</summary>
    private const string InternalQueueTimeoutUrl = "https://internal.example/timeout";

    private static SimulatorJsonContext Context => SimulatorJsonContext.Default;

    /// <summary>
    /// The receipt was found: 13 ResultParameters in Daraja's order and types, ReferenceItem as an ARRAY.
    /// ResultType/ResultCode are JSON numbers, or strings when the receipt ends in '7' (a test hook).
    /// </summary>
    public static string Success(SimulatedPush push, string receipt, string businessShortCode, string originatorConversationId, string conversationId, string? occasion)
    {
        var codesAsText = receipt.EndsWith('7');
        var parameters = new TransactionStatusResultParameters(
        [
            Item("DebitPartyName", Text(push.PhoneNumber + " - Customer")),
            Item("CreditPartyName", Text(businessShortCode + " - Shield Simulator")),
            Item("OriginatorConversationID", Text(originatorConversationId)),
            Item("InitiatedTime", Number(long.Parse(EastAfricaTime.Format(push.AcceptedAt, EastAfricaTime.TimestampFormat), CultureInfo.InvariantCulture))),
            Item("CreditPartyCharges", null),
            Item("DebitAccountType", Text("MMF Account For Customer")),
            Item("TransactionReason", null),
            Item("ReasonType", Text("Pay Bill Online")),
            Item("TransactionStatus", Text("Completed")),
            Item("FinalisedTime", Text(EastAfricaTime.Format(push.FinalAt, EastAfricaTime.TimestampFormat))),
            Item("Amount", Number(push.Amount)),
            Item("ConversationID", Text(conversationId)),
            Item("ReceiptNo", Text(receipt)),
        ]);
        TransactionStatusItem[] referenceItems = [OccasionItem(occasion), Item("QueueTimeoutURL", Text(InternalQueueTimeoutUrl))];
        var referenceData = new TransactionStatusReferenceData(JsonSerializer.SerializeToElement(referenceItems, Context.TransactionStatusItemArray));

        return Serialize(new TransactionStatusResult(
            codesAsText ? Text("0") : Number(ResultTypeCompleted),
            codesAsText ? Text("0") : Number(0),
            SuccessDesc,
            originatorConversationId,
            conversationId,
            receipt,
            parameters,
            referenceData));
    }

    /// <summary>Initiator name wrong, or SecurityCredential not the initiator password: 2001, ReferenceItem as an OBJECT.</summary>
    public static string InitiatorInvalid(string originatorConversationId, string conversationId, string? occasion) =>
        Failure(InitiatorInvalidCode, InitiatorInvalidDesc, originatorConversationId, conversationId, occasion);

    /// <summary>No paid push has this receipt: 17 Internal Failure (REFERENCE.md §5.3 core codes), ReferenceItem as an OBJECT.</summary>
    public static string UnknownTransaction(string originatorConversationId, string conversationId, string? occasion) =>
        Failure(InternalFailureCode, InternalFailureDesc, originatorConversationId, conversationId, occasion);

    /// <summary>The queue timed out (ResultType 1): posted to QueueTimeOutURL; no ResultParameters, no ReferenceData.</summary>
    public static string QueueTimeout(string originatorConversationId, string conversationId) =>
        Serialize(new TransactionStatusResult(
            Number(ResultTypeTimedOut),
            Number(TimedOutCode),
            TimedOutDesc,
            originatorConversationId,
            conversationId,
            RandomIds.ReceiptNumber(),
            ResultParameters: null,
            ReferenceData: null));

    /// <summary>
    /// Failures carry a TransactionID of their own: a fresh receipt-shaped id for the query itself, as in captured
    /// 2001 results (e.g. <c>MKH8Y36IIE</c>), never the queried one.
    /// </summary>
    private static string Failure(int resultCode, string resultDesc, string originatorConversationId, string conversationId, string? occasion) =>
        Serialize(new TransactionStatusResult(
            Number(ResultTypeCompleted),
            Number(resultCode),
            resultDesc,
            originatorConversationId,
            conversationId,
            RandomIds.ReceiptNumber(),
            ResultParameters: null,
            new TransactionStatusReferenceData(JsonSerializer.SerializeToElement(OccasionItem(occasion), Context.TransactionStatusItem))));

    /// <summary>The client's Occasion; with no Occasion, the key alone (as in the official sample).</summary>
    private static TransactionStatusItem OccasionItem(string? occasion) =>
        Item("Occasion", occasion is null ? null : Text(occasion));

    private static TransactionStatusItem Item(string key, JsonElement? value) => new(key, value);

    private static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value, Context.String);

    private static JsonElement Number(long value) => JsonSerializer.SerializeToElement(value, Context.Int64);

    private static string Serialize(TransactionStatusResult result) =>
        JsonSerializer.Serialize(new TransactionStatusResultEnvelope(result), Context.TransactionStatusResultEnvelope);
}
