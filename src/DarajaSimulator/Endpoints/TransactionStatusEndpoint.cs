using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Callbacks;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Reversals;
using Shield.DarajaSimulator.TransactionStatus;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>
/// <c>POST /mpesa/transactionstatus/v1/query</c> (REFERENCE.md §5): validates like Daraja (each failure a 400),
/// acknowledges, and CallbackDelay later posts the result to ResultURL, or a queue timeout to QueueTimeOutURL,
/// through <see cref="CallbackDispatcher"/>. The result is decided when the query is accepted. Its test hooks are
/// listed on <see cref="Scenarios.ScenarioTable"/>.
/// </summary>
internal sealed class TransactionStatusEndpoint
{
    public const string Path = "/mpesa/transactionstatus/v1/query";

    public const string CommandId = "TransactionStatusQuery";

    /// <summary>TransactionIDs starting with this get a queue timeout instead of a result (test hook).</summary>
    public const string QueueTimeoutPrefix = "QTO";

    private const string AcceptedDescription = "Accept the service request successfully.";
    private const int MaxTransactionIdLength = 20;
    private const int MaxOriginalConversationIdLength = 64;
    private const int MaxRemarksLength = 100;
    private const int MaxOccasionLength = 100;

    private readonly RequestGate _gate;
    private readonly StrictnessRules _rules;
    private readonly PushStore _pushes;
    private readonly ReversalStore _reversals;
    private readonly CallbackQueue _queue;
    private readonly DarajaSimulatorCertificate _certificate;
    private readonly TimeProvider _timeProvider;
    private readonly DarajaSimulatorOptions _options;
    private readonly byte[] _initiatorPassword;
    private readonly ILogger<TransactionStatusEndpoint> _logger;

    public TransactionStatusEndpoint(
        RequestGate gate,
        StrictnessRules rules,
        PushStore pushes,
        ReversalStore reversals,
        CallbackQueue queue,
        DarajaSimulatorCertificate certificate,
        TimeProvider timeProvider,
        IOptions<DarajaSimulatorOptions> options,
        ILogger<TransactionStatusEndpoint> logger)
    {
        _gate = gate;
        _rules = rules;
        _pushes = pushes;
        _reversals = reversals;
        _queue = queue;
        _certificate = certificate;
        _timeProvider = timeProvider;
        _options = options.Value;
        _initiatorPassword = Encoding.UTF8.GetBytes(_options.InitiatorPassword);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var outcome = await _gate.OpenAsync(context, Path);
        var result = outcome.Rejection is { } rejection ? Reject(rejection) : Process(outcome.Body);
        await result.ExecuteAsync(context);
    }

    private IResult Process(JsonElement body)
    {
        var now = _timeProvider.GetUtcNow();
        var deviations = new List<PendingDeviation>();
        var rejection = Validate(body, deviations, out var query);
        if (rejection is not null || query is null)
        {
            return Reject(rejection ?? DarajaRejections.InvalidPayload);
        }

        _rules.Accept(Path, deviations, now);
        var originatorConversationId = RandomIds.OriginatorConversationId();
        var conversationId = RandomIds.ConversationId(now);
        var scheduled = Decide(query, originatorConversationId, conversationId, now + _options.CallbackDelay, now);

        if (_queue.Enqueue(scheduled))
        {
            Log.TransactionStatusAccepted(_logger, conversationId, scheduled.Outcome, _options.CallbackDelay.TotalMilliseconds);
        }
        else
        {
            Log.TransactionStatusResultNotScheduled(_logger, conversationId);
        }

        return Results.Json(
            new TransactionStatusAccepted(originatorConversationId, conversationId, "0", AcceptedDescription),
            SimulatorJsonContext.Default.TransactionStatusAccepted);
    }

    /// <summary>
    /// What Daraja would post, in order: a queue timeout (hook), bad initiator, the receipt's status, or not found. Asked by
    /// OriginalConversationID: bad initiator, the status of a reversal it carried out, or 2032 not found.
    /// </summary>
    private ScheduledResult Decide(ValidTransactionStatusQuery query, string originatorConversationId, string conversationId, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (query.TransactionId is null)
        {
            return DecideByConversationId(query, query.OriginalConversationId!, originatorConversationId, conversationId, dueAt);
        }

        if (query.TransactionId.StartsWith(QueueTimeoutPrefix, StringComparison.Ordinal))
        {
            return new ScheduledResult(
                query.QueueTimeOutUrl,
                TransactionStatusResultFactory.QueueTimeout(originatorConversationId, conversationId),
                conversationId,
                "queue-timeout",
                dueAt);
        }

        if (!IsInitiator(query))
        {
            return new ScheduledResult(
                query.ResultUrl,
                TransactionStatusResultFactory.InitiatorInvalid(originatorConversationId, conversationId, query.Occasion),
                conversationId,
                "initiator-invalid",
                dueAt);
        }

        if (_pushes.FindByReceipt(query.TransactionId, now) is { } push)
        {
            return new ScheduledResult(
                query.ResultUrl,
                TransactionStatusResultFactory.Success(push, query.TransactionId, _options.BusinessShortCode, originatorConversationId, conversationId, query.Occasion),
                conversationId,
                "completed",
                dueAt);
        }

        return new ScheduledResult(
            query.ResultUrl,
            TransactionStatusResultFactory.UnknownTransaction(originatorConversationId, conversationId, query.Occasion),
            conversationId,
            "unknown-transaction",
            dueAt);
    }

    private ScheduledResult DecideByConversationId(ValidTransactionStatusQuery query, string askedAbout, string originatorConversationId, string conversationId, DateTimeOffset dueAt)
    {
        if (!IsInitiator(query))
        {
            return new ScheduledResult(query.ResultUrl,
                TransactionStatusResultFactory.InitiatorInvalid(originatorConversationId, conversationId, query.Occasion), conversationId, "initiator-invalid", dueAt);
        }

        return _reversals.FindByOriginatorConversationId(askedAbout) is { } reversal
            ? new ScheduledResult(query.ResultUrl,
                ReversalResultFactory.StatusCompleted(reversal, _options.BusinessShortCode, originatorConversationId, conversationId, query.Occasion),
                conversationId, "reversal-completed", dueAt)
            : new ScheduledResult(query.ResultUrl,
                ReversalResultFactory.StatusNotFound(originatorConversationId, conversationId, query.Occasion), conversationId, "not-found", dueAt);
    }

    /// <summary>The configured initiator, with a SecurityCredential that decrypts to its password (compared in constant time).</summary>
    private bool IsInitiator(ValidTransactionStatusQuery query)
    {
        var nameMatches = string.Equals(query.Initiator, _options.InitiatorName, StringComparison.Ordinal);
        var passwordMatches = _certificate.TryDecrypt(query.SecurityCredential, out var password)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _initiatorPassword);
        return nameMatches && passwordMatches;
    }

    /// <summary>
    /// Field checks in the order of the request (REFERENCE.md §5.1), each a <c>400.002.02 Bad Request - Invalid {field}</c>.
    /// IdentifierType follows <see cref="StrictnessRules"/>.
    /// </summary>
    private DarajaRejection? Validate(JsonElement body, List<PendingDeviation> deviations, out ValidTransactionStatusQuery? query)
    {
        query = null;

        if (JsonFields.GetString(body, "Initiator") is not { Length: > 0 } initiator)
        {
            return DarajaRejections.InvalidField("Initiator");
        }

        if (JsonFields.GetString(body, "SecurityCredential") is not { Length: > 0 } securityCredential)
        {
            return DarajaRejections.InvalidField("SecurityCredential");
        }

        if (JsonFields.GetString(body, "CommandID") != CommandId)
        {
            return DarajaRejections.InvalidField("CommandID");
        }

        // "Key parameters: TransactionID or OriginalConversationID" (REFERENCE.md §11.6): without a TransactionID (absent
        // or empty), the query is by OriginalConversationID, which must then be a non-empty string.
        var transactionId = JsonFields.GetNumberOrString(body, "TransactionID");
        var originalConversationId = JsonFields.GetString(body, "OriginalConversationID");
        if (string.IsNullOrWhiteSpace(transactionId) && originalConversationId is { Length: > 0 and <= MaxOriginalConversationIdLength }
            && !string.IsNullOrWhiteSpace(originalConversationId))
        {
            transactionId = null;
        }
        else if (transactionId is not { Length: > 0 and <= MaxTransactionIdLength } || string.IsNullOrWhiteSpace(transactionId))
        {
            return DarajaRejections.InvalidField("TransactionID");
        }
        else
        {
            originalConversationId = null;
        }

        if (!IsAbsentOrString(body, "OriginalConversationID"))
        {
            return DarajaRejections.InvalidField("OriginalConversationID");
        }

        if (JsonFields.GetNumberOrString(body, "PartyA") != _options.BusinessShortCode)
        {
            return DarajaRejections.InvalidField("PartyA");
        }

        if (_rules.CheckIdentifierType(body, deviations) is { } identifierTypeRejection)
        {
            return identifierTypeRejection;
        }

        if (JsonFields.GetString(body, "ResultURL") is not { } resultText
            || !StkFieldRules.TryReadCallbackUrl(resultText, out var resultUrl)
            || resultUrl is null)
        {
            return DarajaRejections.InvalidField("ResultURL");
        }

        if (JsonFields.GetString(body, "QueueTimeOutURL") is not { } timeoutText
            || !StkFieldRules.TryReadCallbackUrl(timeoutText, out var timeoutUrl)
            || timeoutUrl is null)
        {
            return DarajaRejections.InvalidField("QueueTimeOutURL");
        }

        if (JsonFields.GetString(body, "Remarks") is not { Length: > 0 and <= MaxRemarksLength })
        {
            return DarajaRejections.InvalidField("Remarks");
        }

        if (!IsAbsentOrString(body, "Occasion") || JsonFields.GetString(body, "Occasion") is { Length: > MaxOccasionLength })
        {
            return DarajaRejections.InvalidField("Occasion");
        }

        query = new ValidTransactionStatusQuery(initiator, securityCredential, transactionId, originalConversationId, resultUrl, timeoutUrl, JsonFields.GetString(body, "Occasion"));
        return null;
    }

    /// <summary>An optional field: absent, JSON null, or a string.</summary>
    private static bool IsAbsentOrString(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.String;

    private IResult Reject(DarajaRejection rejection)
    {
        Log.RequestRejected(_logger, Path, rejection.ErrorCode, rejection.ErrorMessage);
        return rejection.ToResult();
    }
}
