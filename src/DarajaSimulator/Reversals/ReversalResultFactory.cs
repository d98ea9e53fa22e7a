using System.Globalization;
using System.Text.Json;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Reversals;

/// <summary>
/// Builds the bodies posted about reversals in the shapes of REFERENCE.md §11.3 (results) and §11.6 (Transaction Status
/// asked by OriginalConversationID). They share Daraja's <c>Result</c> envelope with Transaction Status, so they use the
/// same wire records.
/// </summary>
internal static class ReversalResultFactory
{
    public const string SuccessDesc = "The service request is processed successfully.";
    public const string AlreadyReversedCode = "R000001";
    public const string AlreadyReversedDesc = "The transaction has already been reversed";
    public const string InvalidOriginalCode = "R000002";
    public const string InvalidOriginalDesc = "The OriginalTransactionID is invalid.";
    public const int InitiatorInvalidCode = 2001;
    public const string InitiatorInvalidDesc = "The initiator information is invalid.";

    /// <summary>Invented for an amount over the payment's (REFERENCE.md §11.5: what M-Pesa answers is unconfirmed): the generic core code 17.</summary>
    public const int OverAmountCode = 17;
    public const string OverAmountDesc = "Internal Failure";

    public const int NotFoundCode = 2032;
    public const string NotFoundDesc = "The transaction receipt number does not exist.";
    public const string TimedOutDesc = "The service request timed out.";

    /// <summary>Daraja's own queue-timeout address, echoed in ReferenceData (never the client's URL).</summary>
    private const string InternalQueueTimeoutUrl = "https://internalsandbox.example/mpesa/reversalresults/v1/submit";

    private static SimulatorJsonContext Context => SimulatorJsonContext.Default;

    /// <summary>The official success shape: ResultCode number 0, all seven ResultParameter keys with the official sample's JSON types.</summary>
    public static string Success(CarriedOutReversal reversal, SimulatedPush push, string businessShortCode, string originatorConversationId, string conversationId)
    {
        var parameters = new TransactionStatusResultParameters(
        [
            Item("DebitAccountBalance", Text("Utility Account|KES|1000000.00|1000000.00|0.00|0.00")),
            Item("Amount", Decimal(reversal.Amount)),
            Item("TransCompletedTime", Number(Timestamp(reversal.CompletedAt))),
            Item("OriginalTransactionID", Text(reversal.OriginalReceipt)),
            Item("Charge", JsonSerializer.SerializeToElement(0.00m, Context.Decimal)),
            Item("CreditPartyPublicName", Text(push.PhoneNumber + " - Simulated Customer")),
            Item("DebitPartyPublicName", Text(businessShortCode + " - Shield Simulator")),
        ]);
        return Serialize(new TransactionStatusResult(
            Number(0), Number(0), SuccessDesc, originatorConversationId, conversationId, reversal.ReversalReceipt, parameters, QueueTimeoutReference()));
    }

    /// <summary>R000001, as a string code; no ResultParameters.</summary>
    public static string AlreadyReversed(string originatorConversationId, string conversationId) =>
        Failure(Text(AlreadyReversedCode), AlreadyReversedDesc, originatorConversationId, conversationId);

    /// <summary>R000002, exactly the official failure shape: string code, placeholder TransactionID, no ResultParameters.</summary>
    public static string InvalidOriginal(string originatorConversationId, string conversationId) =>
        Failure(Text(InvalidOriginalCode), InvalidOriginalDesc, originatorConversationId, conversationId);

    public static string InitiatorInvalid(string originatorConversationId, string conversationId) =>
        Failure(Number(InitiatorInvalidCode), InitiatorInvalidDesc, originatorConversationId, conversationId);

    public static string OverAmount(string originatorConversationId, string conversationId) =>
        Failure(Number(OverAmountCode), OverAmountDesc, originatorConversationId, conversationId);

    /// <summary>
    /// INVENTED: no queue-timeout body has ever been published or captured (REFERENCE.md §11.3). This one follows the
    /// SDK guess (ResultType 1, ResultCode "1", "The service request timed out.") and carries the conversation ids where
    /// results carry them, so a client can match it; a client must accept any body here.
    /// </summary>
    public static string QueueTimeout(string originatorConversationId, string conversationId) =>
        Serialize(new TransactionStatusResult(
            Number(1), Text("1"), TimedOutDesc, originatorConversationId, conversationId, Placeholder(), ResultParameters: null, ReferenceData: null));

    /// <summary>
    /// Transaction Status asked by OriginalConversationID about a reversal it carried out: like its other Transaction
    /// Status successes (REFERENCE.md §5.3 keys), with ReceiptNo the reversal's own receipt. The real answer is unconfirmed (§11.6).
    /// </summary>
    public static string StatusCompleted(CarriedOutReversal reversal, string businessShortCode, string originatorConversationId, string conversationId, string? occasion)
    {
        var parameters = new TransactionStatusResultParameters(
        [
            Item("DebitPartyName", Text(businessShortCode + " - Shield Simulator")),
            Item("CreditPartyName", Text("Simulated Customer")),
            Item("OriginatorConversationID", Text(originatorConversationId)),
            Item("InitiatedTime", Number(Timestamp(reversal.CompletedAt))),
            Item("DebitAccountType", Text("Utility Account")),
            Item("TransactionReason", null),
            Item("ReasonType", Text("Reversal")),
            Item("TransactionStatus", Text("Completed")),
            Item("FinalisedTime", Number(Timestamp(reversal.CompletedAt))),
            Item("Amount", Number(reversal.Amount)),
            Item("ConversationID", Text(conversationId)),
            Item("ReceiptNo", Text(reversal.ReversalReceipt)),
        ]);
        return Serialize(new TransactionStatusResult(
            Number(0), Number(0), SuccessDesc, originatorConversationId, conversationId, Placeholder(), parameters, OccasionReference(occasion)));
    }

    /// <summary>The §11.6 not-found capture's shape: 2032 as a number, a placeholder TransactionID, ReferenceItem the Occasion.</summary>
    public static string StatusNotFound(string originatorConversationId, string conversationId, string? occasion) =>
        Serialize(new TransactionStatusResult(
            Number(0), Number(NotFoundCode), NotFoundDesc, originatorConversationId, conversationId, Placeholder(), ResultParameters: null, OccasionReference(occasion)));

    private static string Failure(JsonElement code, string desc, string originatorConversationId, string conversationId) =>
        Serialize(new TransactionStatusResult(
            Number(0), code, desc, originatorConversationId, conversationId, Placeholder(), ResultParameters: null, QueueTimeoutReference()));

    /// <summary>A zero-padded receipt placeholder like the official <c>SKE0000000</c>.</summary>
    private static string Placeholder() => RandomIds.ReceiptNumber()[..3] + "0000000";

    private static TransactionStatusReferenceData QueueTimeoutReference() =>
        new(JsonSerializer.SerializeToElement(Item("QueueTimeoutURL", Text(InternalQueueTimeoutUrl)), Context.TransactionStatusItem));

    private static TransactionStatusReferenceData OccasionReference(string? occasion) =>
        new(JsonSerializer.SerializeToElement(Item("Occasion", occasion is null ? null : Text(occasion)), Context.TransactionStatusItem));

    private static long Timestamp(DateTimeOffset instant) =>
        long.Parse(EastAfricaTime.Format(instant, EastAfricaTime.TimestampFormat), CultureInfo.InvariantCulture);

    private static TransactionStatusItem Item(string key, JsonElement? value) => new(key, value);

    private static JsonElement Text(string value) => JsonSerializer.SerializeToElement(value, Context.String);

    private static JsonElement Number(long value) => JsonSerializer.SerializeToElement(value, Context.Int64);

    // decimal keeps its scale: 100 * 1.00m is written as 100.00, like the official "Value": 1.00.
    private static JsonElement Decimal(int value) => JsonSerializer.SerializeToElement(value * 1.00m, Context.Decimal);

    private static string Serialize(TransactionStatusResult result) =>
        JsonSerializer.Serialize(new TransactionStatusResultEnvelope(result), Context.TransactionStatusResultEnvelope);
}
