using Microsoft.Extensions.Logging;

namespace Shield.DarajaSimulator;

/// <summary>
/// The simulator's log messages. Never pass a callback, result or timeout URL, password, passkey, token,
/// initiator name or SecurityCredential here; phone numbers only through <see cref="PhoneMask"/>, and
/// CheckoutRequestIDs (which embed the MSISDN) only as <see cref="Pushes.SimulatedPush.LoggedCheckoutRequestId"/>.
/// Transaction Status results are named by their ConversationID (random, secret-free), never by their body.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Debug, Message = "Daraja simulator issued an access token")]
    public static partial void TokenIssued(ILogger logger);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Daraja simulator rejected {Path}: {ErrorCode} {ErrorMessage}")]
    public static partial void RequestRejected(ILogger logger, string path, string errorCode, string errorMessage);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information, Message = "Daraja simulator refused the push to {Phone} ({Scenario}): subscriber locked")]
    public static partial void PushRefused(ILogger logger, string phone, string scenario);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Daraja simulator accepted push {CheckoutRequestId} ({MerchantRequestId}) to {Phone} for KES {Amount} ({Scenario})")]
    public static partial void PushAccepted(ILogger logger, string checkoutRequestId, string merchantRequestId, string phone, int amount, string scenario);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Daraja simulator will not post a callback for {CheckoutRequestId} ({MerchantRequestId}) ({Scenario}): only the query reveals the outcome")]
    public static partial void CallbackWithheld(ILogger logger, string checkoutRequestId, string merchantRequestId, string scenario);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Warning, Message = "Daraja simulator could not schedule the callback for {CheckoutRequestId} ({MerchantRequestId}): the dispatcher has stopped")]
    public static partial void CallbackNotScheduled(ILogger logger, string checkoutRequestId, string merchantRequestId);

    [LoggerMessage(EventId = 9106, Level = LogLevel.Information, Message = "Daraja simulator delivered callback {Delivery} for {CheckoutRequestId} ({MerchantRequestId}): HTTP {StatusCode} in {ElapsedMs:0} ms")]
    public static partial void CallbackDelivered(ILogger logger, string checkoutRequestId, string merchantRequestId, int delivery, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 9107, Level = LogLevel.Warning, Message = "Daraja simulator callback {Delivery} for {CheckoutRequestId} ({MerchantRequestId}) was answered HTTP {StatusCode} in {ElapsedMs:0} ms; it will not be retried")]
    public static partial void CallbackRefused(ILogger logger, string checkoutRequestId, string merchantRequestId, int delivery, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 9108, Level = LogLevel.Warning, Message = "Daraja simulator callback {Delivery} for {CheckoutRequestId} ({MerchantRequestId}) failed ({Reason}); it will not be retried")]
    public static partial void CallbackFailed(ILogger logger, string checkoutRequestId, string merchantRequestId, int delivery, string reason);

    [LoggerMessage(EventId = 9109, Level = LogLevel.Information, Message = "Daraja simulator abandoned the callback for {CheckoutRequestId} ({MerchantRequestId}): the host is stopping")]
    public static partial void CallbackAbandoned(ILogger logger, string checkoutRequestId, string merchantRequestId);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Debug, Message = "Daraja simulator answered the query for {CheckoutRequestId} ({MerchantRequestId}) with ResultCode {ResultCode}")]
    public static partial void QueryAnswered(ILogger logger, string checkoutRequestId, string merchantRequestId, string resultCode);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Information, Message = "Daraja simulator accepted Transaction Status query {ConversationId}; result due in {DelayMs:0} ms ({Outcome})")]
    public static partial void TransactionStatusAccepted(ILogger logger, string conversationId, string outcome, double delayMs);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Warning, Message = "Daraja simulator could not schedule the Transaction Status result {ConversationId}: the dispatcher has stopped")]
    public static partial void TransactionStatusResultNotScheduled(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 9113, Level = LogLevel.Information, Message = "Daraja simulator delivered Transaction Status result {ConversationId} ({Outcome}): HTTP {StatusCode} in {ElapsedMs:0} ms")]
    public static partial void TransactionStatusResultDelivered(ILogger logger, string conversationId, string outcome, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 9114, Level = LogLevel.Warning, Message = "Daraja simulator Transaction Status result {ConversationId} ({Outcome}) was answered HTTP {StatusCode} in {ElapsedMs:0} ms; it will not be retried")]
    public static partial void TransactionStatusResultRefused(ILogger logger, string conversationId, string outcome, int statusCode, double elapsedMs);

    [LoggerMessage(EventId = 9115, Level = LogLevel.Warning, Message = "Daraja simulator Transaction Status result {ConversationId} ({Outcome}) failed ({Reason}); it will not be retried")]
    public static partial void TransactionStatusResultFailed(ILogger logger, string conversationId, string outcome, string reason);

    [LoggerMessage(EventId = 9116, Level = LogLevel.Information, Message = "Daraja simulator abandoned Transaction Status result {ConversationId} ({Outcome}): the host is stopping")]
    public static partial void TransactionStatusResultAbandoned(ILogger logger, string conversationId, string outcome);

    [LoggerMessage(EventId = 9118, Level = LogLevel.Information, Message = "Daraja simulator accepted reversal {ConversationId}; result due in {DelayMs:0} ms ({Outcome})")]
    public static partial void ReversalAccepted(ILogger logger, string conversationId, string outcome, double delayMs);

    [LoggerMessage(EventId = 9117, Level = LogLevel.Warning, Message = "Daraja simulator accepted {Path} although {Field} deviates from the documentation: {Deviation} (Simulator:Strictness Strict refuses it)")]
    public static partial void DeviationAccepted(ILogger logger, string path, string field, string deviation);
}
