using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary><c>POST /mpesa/stkpushquery/v1/query</c>: 4999 until the outcome is final, then the scenario's ResultCode (REFERENCE.md §4).</summary>
internal sealed class StkQueryEndpoint
{
    public const string Path = "/mpesa/stkpushquery/v1/query";

    /// <summary>The real triple-s spelling (REFERENCE.md §4.2).</summary>
    private const string AcceptedDescription = "The service request has been accepted successsfully";

    private const string PendingResultCode = "4999";
    private const string PendingResultDesc = "The transaction is still under processing";

    private readonly RequestGate _gate;
    private readonly StrictnessRules _rules;
    private readonly PushStore _pushes;
    private readonly TimeProvider _timeProvider;
    private readonly DarajaSimulatorOptions _options;
    private readonly ILogger<StkQueryEndpoint> _logger;

    public StkQueryEndpoint(
        RequestGate gate,
        StrictnessRules rules,
        PushStore pushes,
        TimeProvider timeProvider,
        IOptions<DarajaSimulatorOptions> options,
        ILogger<StkQueryEndpoint> logger)
    {
        _gate = gate;
        _rules = rules;
        _pushes = pushes;
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
        var rejection = Validate(body, now, deviations, out var checkoutRequestId);
        if (rejection is not null || checkoutRequestId is null)
        {
            return Reject(rejection ?? DarajaRejections.InvalidPayload);
        }

        _rules.Accept(Path, deviations, now);

        if (_pushes.Find(checkoutRequestId) is not { } push)
        {
            return Reject(DarajaRejections.TransactionDoesNotExist);
        }

        var answer = now >= push.FinalAt ? FinalAnswer(push) : PendingAnswer(push);
        Log.QueryAnswered(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, answer.ResultCode);
        return Results.Json(answer, SimulatorJsonContext.Default.StkQueryAnswer);
    }

    private static StkQueryAnswer PendingAnswer(SimulatedPush push) =>
        new("0", AcceptedDescription, push.MerchantRequestId, push.CheckoutRequestId, PendingResultCode, PendingResultDesc);

    private static StkQueryAnswer FinalAnswer(SimulatedPush push) =>
        new(
            "0",
            AcceptedDescription,
            push.MerchantRequestId,
            push.CheckoutRequestId,
            push.Scenario.ResultCode.ToString(CultureInfo.InvariantCulture),
            push.Scenario.QueryResultDesc);

    private DarajaRejection? Validate(JsonElement body, DateTimeOffset now, List<PendingDeviation> deviations, out string? checkoutRequestId)
    {
        checkoutRequestId = null;

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

        if (JsonFields.GetString(body, "CheckoutRequestID") is not { Length: > 0 } id)
        {
            return DarajaRejections.InvalidField("CheckoutRequestID");
        }

        var expectedPassword = StkFieldRules.ExpectedPassword(_options.BusinessShortCode, _options.Passkey, timestamp);
        if (!string.Equals(JsonFields.GetString(body, "Password"), expectedPassword, StringComparison.Ordinal))
        {
            return DarajaRejections.WrongCredentials;
        }

        checkoutRequestId = id;
        return null;
    }

    private IResult Reject(DarajaRejection rejection)
    {
        Log.RequestRejected(_logger, Path, rejection.ErrorCode, rejection.ErrorMessage);
        return rejection.ToResult();
    }
}
