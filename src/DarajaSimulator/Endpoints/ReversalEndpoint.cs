using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Callbacks;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Reversals;
using Shield.DarajaSimulator.Scenarios;
using Shield.DarajaSimulator.TransactionStatus;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>
/// <c>POST /mpesa/reversal/v1/request</c> (REFERENCE.md §11): validates like Daraja (each failure a 400, including
/// the corrected spelling <c>ReceiverIdentifierType</c>, which production refuses as "Invalid RecieverIdentifierType"),
/// acknowledges with new conversation ids, and CallbackDelay later posts the result to ResultURL, or a queue timeout to
/// QueueTimeOutURL, through <see cref="CallbackDispatcher"/>. The outcome is decided when the request is accepted; the
/// scenarios are listed on <see cref="ScenarioTable"/>.
/// </summary>
internal sealed class ReversalEndpoint
{
    public const string Path = "/mpesa/reversal/v1/request";

    public const string CommandId = "TransactionReversal";

    private const string AcceptedDescription = "Accept the service request successfully.";
    private const int MaxTransactionIdLength = 20;
    private const int MinRemarksLength = 2;
    private const int MaxRemarksLength = 100;
    private const int MaxOccasionLength = 100;

    /// <summary>"11" is the official value; "4" is in Safaricom's older Postman collection, and whether it is refused today is unconfirmed (§11.1).</summary>
    private static readonly string[] AcceptedIdentifierTypes = ["11", "4"];

    private readonly RequestGate _gate;
    private readonly StrictnessRules _rules;
    private readonly PushStore _pushes;
    private readonly ReversalStore _reversals;
    private readonly CallbackQueue _queue;
    private readonly DarajaSimulatorCertificate _certificate;
    private readonly TimeProvider _timeProvider;
    private readonly DarajaSimulatorOptions _options;
    private readonly byte[] _initiatorPassword;
    private readonly ILogger<ReversalEndpoint> _logger;

    public ReversalEndpoint(
        RequestGate gate,
        StrictnessRules rules,
        PushStore pushes,
        ReversalStore reversals,
        CallbackQueue queue,
        DarajaSimulatorCertificate certificate,
        TimeProvider timeProvider,
        IOptions<DarajaSimulatorOptions> options,
        ILogger<ReversalEndpoint> logger)
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
        var rejection = Validate(body, out var request);
        if (rejection is not null || request is null)
        {
            return Reject(rejection ?? DarajaRejections.InvalidPayload);
        }

        _rules.Accept(Path, [], now);
        var originatorConversationId = RandomIds.OriginatorConversationId();
        var conversationId = RandomIds.ConversationId(now);
        var scheduled = Decide(request, originatorConversationId, conversationId, now + _options.CallbackDelay, now);

        if (_queue.Enqueue(scheduled))
        {
            Log.ReversalAccepted(_logger, conversationId, scheduled.Outcome, _options.CallbackDelay.TotalMilliseconds);
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
    /// What M-Pesa would post, in order: an unknown receipt (R000002: REFERENCE.md §11.4 suggests the receipt is checked
    /// before the credential), a bad initiator (2001), an amount over the payment's (17, invented), an already reversed
    /// receipt (R000001), a payment from a phone ending 0408 (carried out, then a queue timeout), else success.
    /// A partial amount is accepted here; whether production accepts one is unconfirmed (§11.5).
    /// </summary>
    private ScheduledResult Decide(ValidReversalRequest request, string originatorConversationId, string conversationId, DateTimeOffset dueAt, DateTimeOffset now)
    {
        ScheduledResult Post(Uri url, string body, string outcome) => new(url, body, conversationId, outcome, dueAt, IsReversal: true);

        if (_pushes.FindByReceipt(request.TransactionId, now) is not { } push)
        {
            return Post(request.ResultUrl, ReversalResultFactory.InvalidOriginal(originatorConversationId, conversationId), "reversal-invalid-original");
        }

        if (!IsInitiator(request))
        {
            return Post(request.ResultUrl, ReversalResultFactory.InitiatorInvalid(originatorConversationId, conversationId), "reversal-initiator-invalid");
        }

        var reversal = new CarriedOutReversal(RandomIds.ReceiptNumber(), request.TransactionId, request.Amount, dueAt);
        switch (_reversals.TryCarryOut(originatorConversationId, reversal, push.Amount))
        {
            case ReversalCheck.AlreadyReversed:
                return Post(request.ResultUrl, ReversalResultFactory.AlreadyReversed(originatorConversationId, conversationId), "reversal-already-reversed");
            case ReversalCheck.OverAmount:
                return Post(request.ResultUrl, ReversalResultFactory.OverAmount(originatorConversationId, conversationId), "reversal-over-amount");
        }

        if (push.PhoneNumber.EndsWith(ScenarioTable.ReversalQueueTimeoutPhoneSuffix, StringComparison.Ordinal))
        {
            return Post(request.QueueTimeOutUrl, ReversalResultFactory.QueueTimeout(originatorConversationId, conversationId), "reversal-queue-timeout");
        }

        return Post(request.ResultUrl,
            ReversalResultFactory.Success(reversal, push, _options.BusinessShortCode, originatorConversationId, conversationId), "reversal-success");
    }

    /// <summary>The configured initiator, with a SecurityCredential that decrypts to its password (compared in constant time).</summary>
    private bool IsInitiator(ValidReversalRequest request)
    {
        var nameMatches = string.Equals(request.Initiator, _options.InitiatorName, StringComparison.Ordinal);
        var passwordMatches = _certificate.TryDecrypt(request.SecurityCredential, out var password)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), _initiatorPassword);
        return nameMatches && passwordMatches;
    }

    /// <summary>Field checks in the order of the request table (REFERENCE.md §11.1), each a <c>400.002.02 Bad Request - Invalid {field}</c>.</summary>
    private static DarajaRejection? Validate(JsonElement body, out ValidReversalRequest? request)
    {
        request = null;

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

        if (JsonFields.GetNumberOrString(body, "TransactionID") is not { Length: > 0 and <= MaxTransactionIdLength } transactionId
            || string.IsNullOrWhiteSpace(transactionId))
        {
            return DarajaRejections.InvalidField("TransactionID");
        }

        // A JSON number or a string of digits (both seen accepted); whole KES only, as for STK Push.
        var amount = JsonFields.GetNumberOrString(body, "Amount") is { Length: > 0 and <= 9 } amountText && amountText.All(char.IsAsciiDigit)
            ? int.Parse(amountText, System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        if (amount <= 0)
        {
            return DarajaRejections.InvalidField("Amount");
        }

        if (JsonFields.GetNumberOrString(body, "ReceiverParty") is not { Length: >= 5 and <= 9 } receiverParty || !receiverParty.All(char.IsAsciiDigit))
        {
            return DarajaRejections.InvalidField("ReceiverParty");
        }

        // Daraja validates its misspelled key: the corrected "ReceiverIdentifierType" leaves it missing (§11.1, observed in production).
        if (JsonFields.GetNumberOrString(body, "RecieverIdentifierType") is not { } identifierType || !AcceptedIdentifierTypes.Contains(identifierType))
        {
            return DarajaRejections.InvalidField("RecieverIdentifierType");
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

        if (JsonFields.GetString(body, "Remarks") is not { Length: >= MinRemarksLength and <= MaxRemarksLength })
        {
            return DarajaRejections.InvalidField("Remarks");
        }

        // Not in today's table; a request without it is processed (§11.1). Tolerated when a short string.
        if (body.TryGetProperty("Occasion", out var occasion)
            && (occasion.ValueKind is not (JsonValueKind.Null or JsonValueKind.String) || occasion.GetString() is { Length: > MaxOccasionLength }))
        {
            return DarajaRejections.InvalidField("Occasion");
        }

        request = new ValidReversalRequest(initiator, securityCredential, transactionId, amount, resultUrl, timeoutUrl);
        return null;
    }

    private IResult Reject(DarajaRejection rejection)
    {
        Log.RequestRejected(_logger, Path, rejection.ErrorCode, rejection.ErrorMessage);
        return rejection.ToResult();
    }
}
