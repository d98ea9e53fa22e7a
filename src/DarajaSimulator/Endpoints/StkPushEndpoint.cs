using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Callbacks;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Scenarios;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary><c>POST /mpesa/stkpush/v1/processrequest</c>: validates like Daraja, accepts, and schedules the callback.</summary>
internal sealed class StkPushEndpoint
{
    public const string Path = "/mpesa/stkpush/v1/processrequest";

    private const string AcceptedDescription = "Success. Request accepted for processing";
    private const string CheckoutRequestIdTimeFormat = "ddMMyyyyHHmmssfff";

    private readonly RequestGate _gate;
    private readonly StrictnessRules _rules;
    private readonly PushStore _pushes;
    private readonly CallbackQueue _callbacks;
    private readonly TimeProvider _timeProvider;
    private readonly DarajaSimulatorOptions _options;
    private readonly ILogger<StkPushEndpoint> _logger;

    public StkPushEndpoint(
        RequestGate gate,
        StrictnessRules rules,
        PushStore pushes,
        CallbackQueue callbacks,
        TimeProvider timeProvider,
        IOptions<DarajaSimulatorOptions> options,
        ILogger<StkPushEndpoint> logger)
    {
        _gate = gate;
        _rules = rules;
        _pushes = pushes;
        _callbacks = callbacks;
        _timeProvider = timeProvider;
        _options = options.Value;
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
        var rejection = Validate(body, now, deviations, out var valid);
        if (rejection is not null || valid is null)
        {
            return Reject(rejection ?? DarajaRejections.InvalidPayload);
        }

        _rules.Accept(Path, deviations, now);

        var scenario = ScenarioTable.ForPhone(valid.PhoneNumber);
        var maskedPhone = PhoneMask.Mask(valid.PhoneNumber);
        if (scenario.RejectedAtPush)
        {
            Log.PushRefused(_logger, maskedPhone, scenario.Name);
            return DarajaRejections.SubscriberLocked.ToResult();
        }

        var push = Accept(valid, scenario, now);
        Log.PushAccepted(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, maskedPhone, push.Amount, scenario.Name);
        if (scenario.CallbackDeliveries == 0)
        {
            Log.CallbackWithheld(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, scenario.Name);
        }
        else if (!_callbacks.Enqueue(new ScheduledCallback(push, push.FinalAt)))
        {
            Log.CallbackNotScheduled(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId);
        }

        return Results.Json(
            new StkPushAccepted(push.MerchantRequestId, push.CheckoutRequestId, "0", AcceptedDescription, AcceptedDescription),
            SimulatorJsonContext.Default.StkPushAccepted);
    }

    private SimulatedPush Accept(ValidStkPush valid, CustomerScenario scenario, DateTimeOffset now)
    {
        var merchantRequestId = RandomIds.RequestId();
        // Drawn now, but visible (to Transaction Status) only from FinalAt, when the payment happens.
        var receiptNumber = scenario.IsSuccess ? RandomIds.ReceiptNumber(scenario.ReceiptEndsWithSeven) : null;
        var candidateId = "ws_CO_" + EastAfricaTime.Format(now, CheckoutRequestIdTimeFormat) + valid.PhoneNumber;
        var finalAt = now + _options.CallbackDelay;
        return _pushes.Add(
            candidateId,
            now,
            checkoutRequestId => new SimulatedPush(
                merchantRequestId,
                checkoutRequestId,
                valid.Amount,
                valid.PhoneNumber,
                valid.CallbackUrl,
                scenario,
                receiptNumber,
                now,
                finalAt));
    }

    /// <summary>
    /// Field checks in Daraja's order (each a 400), then the password (500 Wrong credentials). Timestamp,
    /// AccountReference and TransactionDesc follow <see cref="StrictnessRules"/>.
    /// </summary>
    private DarajaRejection? Validate(JsonElement body, DateTimeOffset now, List<PendingDeviation> deviations, out ValidStkPush? valid)
    {
        valid = null;

        if (JsonFields.GetNumberOrString(body, "BusinessShortCode") != _options.BusinessShortCode)
        {
            return DarajaRejections.InvalidField("BusinessShortCode");
        }

        if (JsonFields.GetString(body, "Timestamp") is not { } timestamp)
        {
            return DarajaRejections.InvalidField("Timestamp");
        }

        if (_rules.CheckTimestamp(timestamp, now, deviations) is { } timestampRejection)
        {
            return timestampRejection;
        }

        if (JsonFields.GetString(body, "TransactionType") is not ("CustomerPayBillOnline" or "CustomerBuyGoodsOnline"))
        {
            return DarajaRejections.InvalidField("TransactionType");
        }

        if (!StkFieldRules.TryReadAmount(body, out var amount))
        {
            return DarajaRejections.InvalidField("Amount");
        }

        if (JsonFields.GetNumberOrString(body, "PartyA") is not { } partyA || !StkFieldRules.IsMsisdn(partyA))
        {
            return DarajaRejections.InvalidField("PartyA");
        }

        if (JsonFields.GetNumberOrString(body, "PartyB") is not { } partyB || !StkFieldRules.IsPartyB(partyB))
        {
            return DarajaRejections.InvalidField("PartyB");
        }

        if (JsonFields.GetNumberOrString(body, "PhoneNumber") is not { } phoneNumber || !StkFieldRules.IsMsisdn(phoneNumber))
        {
            return DarajaRejections.InvalidField("PhoneNumber");
        }

        if (JsonFields.GetString(body, "CallBackURL") is not { } callbackText
            || !StkFieldRules.TryReadCallbackUrl(callbackText, out var callbackUrl)
            || callbackUrl is null)
        {
            return DarajaRejections.InvalidField("CallBackURL");
        }

        if (_rules.CheckAccountReference(body, deviations) is { } accountReferenceRejection)
        {
            return accountReferenceRejection;
        }

        if (_rules.CheckTransactionDesc(body, deviations) is { } descriptionRejection)
        {
            return descriptionRejection;
        }

        var expectedPassword = StkFieldRules.ExpectedPassword(_options.BusinessShortCode, _options.Passkey, timestamp);
        if (!string.Equals(JsonFields.GetString(body, "Password"), expectedPassword, StringComparison.Ordinal))
        {
            return DarajaRejections.WrongCredentials;
        }

        valid = new ValidStkPush(amount, phoneNumber, callbackUrl);
        return null;
    }

    private IResult Reject(DarajaRejection rejection)
    {
        Log.RequestRejected(_logger, Path, rejection.ErrorCode, rejection.ErrorMessage);
        return rejection.ToResult();
    }
}
