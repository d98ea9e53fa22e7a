using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa.Wire;

namespace Shield.Infrastructure.Mpesa;

/// <summary>
/// The Daraja adapter: STK Push and STK Push Query over HTTP, built against REFERENCE.md. A push is never retried
/// (it could prompt the customer twice), except once after Daraja calls the token invalid, when it was not processed.
/// </summary>
internal sealed partial class DarajaClient(
    IHttpClientFactory httpClientFactory,
    DarajaTokenProvider tokens,
    IDarajaAddresses addresses,
    IOptions<MpesaOptions> options,
    TimeProvider clock,
    ILogger<DarajaClient> logger,
    ShieldMetrics? metrics = null) : IMpesaGateway
{
    private const string StillProcessingErrorCode = "500.001.1001";
    private const string InternalErrorCode = "500.003.1001";

    public async Task<StkPushOutcome> SendStkPushAsync(StkPushRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var timestamp = StkPassword.Timestamp(clock.GetUtcNow());
        var body = new StkPushRequestBody(
            settings.BusinessShortCode,
            StkPassword.Create(settings.BusinessShortCode, settings.Passkey, timestamp),
            timestamp,
            settings.TransactionType,
            request.Amount.Value,
            request.PhoneNumber.Value,
            settings.EffectivePartyB,
            request.PhoneNumber.Value,
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{DarajaUrls.StkCallbackPath}/{settings.CallbackSecret}").AbsoluteUri,
            request.AccountReference.Value,
            request.Description.Value);

        var started = Stopwatch.GetTimestamp();
        var reply = await SendAsync(DarajaUrls.StkPush, body, DarajaJsonContext.Default.StkPushRequestBody, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        StkPushOutcome outcome = reply switch
        {
            { NoAnswer: { } reason } => new StkPushOutcome.NoAnswer(reason),

            // Daraja's own "Internal Server Error": the push may or may not have been processed.
            { Reply.Error.ErrorCode: InternalErrorCode } => new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable),
            { Reply: var r } when r!.IsSuccessStatus && r.Read(DarajaJsonContext.Default.StkPushResponseBody) is
                { ResponseCode: "0", CheckoutRequestId.Length: > 0 } accepted =>
                new StkPushOutcome.Accepted(accepted.MerchantRequestId ?? string.Empty, accepted.CheckoutRequestId!),
            { Reply.Error: { } error } => new StkPushOutcome.Rejected(new PushRejection(error.ErrorCode!, error.ErrorMessage ?? string.Empty)),
            { Reply: var r } when r!.IsSuccessStatus && r.Read(DarajaJsonContext.Default.StkPushResponseBody) is
                { ResponseCode.Length: > 0 } refused =>
                new StkPushOutcome.Rejected(new PushRejection(refused.ResponseCode!, refused.ResponseDescription ?? string.Empty)),
            _ => new StkPushOutcome.NoAnswer(NoAnswerReason.Unreachable),
        };

        switch (outcome)
        {
            case StkPushOutcome.Accepted:
                LogPushAccepted(logger, request.PaymentId.Value, request.AttemptNumber, request.PhoneNumber.Masked, elapsed);
                break;
            case StkPushOutcome.Rejected rejected:
                LogPushRejected(logger, request.PaymentId.Value, request.AttemptNumber, rejected.Rejection.ErrorCode, elapsed);
                break;
            case StkPushOutcome.NoAnswer noAnswer:
                LogPushNoAnswer(logger, request.PaymentId.Value, request.AttemptNumber, noAnswer.Reason, reply.Reply is null ? "none" : $"HTTP {(int)reply.Reply.Status}", elapsed);
                break;
        }

        return outcome;
    }

    public async Task<StkQueryOutcome> QueryStkPushAsync(string checkoutRequestId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var timestamp = StkPassword.Timestamp(clock.GetUtcNow());
        var body = new StkQueryRequestBody(
            settings.BusinessShortCode, StkPassword.Create(settings.BusinessShortCode, settings.Passkey, timestamp), timestamp, checkoutRequestId);

        var reply = await SendAsync(DarajaUrls.StkQuery, body, DarajaJsonContext.Default.StkQueryRequestBody, cancellationToken);
        if (reply.NoAnswer is { } reason)
        {
            return new StkQueryOutcome.NoAnswer(reason, null);
        }

        var answer = reply.Reply!;
        if (answer.Error is { } error)
        {
            // 500.001.1001 on the query means "no answer yet", whatever its message and HTTP status (REFERENCE.md §4.3).
            return error.ErrorCode == StillProcessingErrorCode
                ? new StkQueryOutcome.StillProcessing()
                : new StkQueryOutcome.NoAnswer(NoAnswerReason.Unreachable, error.ErrorCode);
        }

        if (answer.IsSuccessStatus && answer.Read(DarajaJsonContext.Default.StkQueryResponseBody) is { } result
            && ReadCode(result.ResultCode) is { Length: > 0 } resultCode)
        {
            return resultCode == ResultCodes.StillProcessing
                ? new StkQueryOutcome.StillProcessing()
                : new StkQueryOutcome.Known(resultCode, result.ResultDesc);
        }

        return new StkQueryOutcome.NoAnswer(NoAnswerReason.Unreachable, $"HTTP {(int)answer.Status}");
    }

    private static string? ReadCode(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString()?.Trim(),
        { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// Posts with a bearer token; when Daraja calls the token invalid, gets a new one and posts once more. <c>Posted</c> is
    /// false when no token could be had, so nothing reached Daraja (a refused token is no processed request either).
    /// </summary>
    private async Task<(DarajaReply? Reply, NoAnswerReason? NoAnswer, bool Posted)> SendAsync<T>(string path, T body, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(DarajaTokenProvider.HttpClientName);

        // Serialised first, so the body goes out with Content-Length as every popular Daraja client sends it: some
        // gateways read a chunked body as empty.
        var json = JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);
        DarajaReply? reply = null;
        for (var round = 1; round <= 2; round++)
        {
            string token;
            try
            {
                token = await tokens.GetTokenAsync(cancellationToken);
            }
            catch (DarajaUnavailableException exception)
            {
                return (null, exception.Reason, false);
            }

            using var message = new HttpRequestMessage(HttpMethod.Post, DarajaUrls.Combine(addresses.DarajaBaseUrl, path))
            {
                Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
            };
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(message, cancellationToken);
                reply = await DarajaReply.ReadAsync(response, cancellationToken);
            }
            catch (HttpRequestException)
            {
                Measure(path, "unreachable", started);
                return (null, NoAnswerReason.Unreachable, true);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Measure(path, "timeout", started);
                return (null, NoAnswerReason.TimedOut, true);
            }

            // "Still processing" is the query's ordinary answer while the customer decides, not an error.
            Measure(path, reply is { IsSuccessStatus: true, Error: null } or { Error.ErrorCode: StillProcessingErrorCode } ? "ok" : "refused", started);

            if (!reply.IsInvalidToken || round == 2)
            {
                break;
            }

            tokens.Invalidate(token);
        }

        return (reply, null, true);
    }

    /// <summary>One post's duration (<c>shield.daraja.request.duration</c>), by the operation its path is.</summary>
    private void Measure(string path, string outcome, long started)
    {
        if (metrics is null)
        {
            return;
        }

        var operation = path switch
        {
            DarajaUrls.StkPush => "stk_push",
            DarajaUrls.StkQuery => "stk_query",
            DarajaUrls.TransactionStatus => "transaction_status",
            DarajaUrls.Reversal => "reversal",
            _ => "other",
        };
        metrics.DarajaRequest(operation, outcome, Stopwatch.GetElapsedTime(started));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "STK push for payment {PaymentId} attempt {AttemptNumber} to {PhoneNumber} accepted in {ElapsedMs:0} ms")]
    private static partial void LogPushAccepted(ILogger logger, Guid paymentId, int attemptNumber, string phoneNumber, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "STK push for payment {PaymentId} attempt {AttemptNumber} rejected by Daraja with {ErrorCode} in {ElapsedMs:0} ms")]
    private static partial void LogPushRejected(ILogger logger, Guid paymentId, int attemptNumber, string errorCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "STK push for payment {PaymentId} attempt {AttemptNumber} got no answer ({Reason}, {Reply}) in {ElapsedMs:0} ms; its outcome is unknown")]
    private static partial void LogPushNoAnswer(ILogger logger, Guid paymentId, int attemptNumber, NoAnswerReason reason, string reply, double elapsedMs);
}
