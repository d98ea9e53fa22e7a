using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Telemetry;
using Shield.Domain.Payments;
using Shield.Infrastructure.Fleet;
using Shield.Infrastructure.Mpesa.Wire;

namespace Shield.Infrastructure.Mpesa;

/// <summary>
/// One OAuth token for every call until shortly before it expires. Concurrent first calls share one token request
/// (single flight); a token Daraja calls invalid is dropped so the next call fetches a new one. Token requests are
/// safe to retry, so transient failures are retried twice. With Cache:Redis the token is the fleet's
/// (<see cref="SharedDarajaToken"/>): a due token is taken from Redis, or fetched by one instance of the fleet under a
/// Redis lock; while Redis cannot be used, this instance fetches its own, as a single instance does.
/// </summary>
internal sealed partial class DarajaTokenProvider(
    IHttpClientFactory httpClientFactory,
    IOptions<MpesaOptions> options,
    IDarajaAddresses addresses,
    TimeProvider clock,
    ILogger<DarajaTokenProvider> logger,
    ShieldMetrics? metrics = null,
    SharedDarajaToken? fleet = null) : IDisposable
{
    public const string HttpClientName = "Shield.Daraja";
    private const int MaxTries = 3;
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile DarajaToken? _token;

    /// <summary>The token Daraja last called invalid here: if the fleet's cache still holds it, it is replaced, not reused.</summary>
    private volatile string? _rejected;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && clock.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } fresh && clock.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Value;
            }

            var token = fleet is not null && await fleet.GetAsync(_rejected, RequestAsync, cancellationToken) is { } shared
                ? shared
                : await RequestAsync(cancellationToken);
            _token = token;
            return token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the token if it is still the cached one (another caller may have replaced it already).</summary>
    public void Invalidate(string token)
    {
        var cached = _token;
        if (cached is not null && cached.Value == token)
        {
            _rejected = token;
            Interlocked.CompareExchange(ref _token, null, cached);
            LogTokenInvalidated(logger);
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<DarajaToken> RequestAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ConsumerKey}:{settings.ConsumerSecret}"));
        var client = httpClientFactory.CreateClient(HttpClientName);
        var reason = NoAnswerReason.Unreachable;
        var detail = "no answer";

        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock, cancellationToken);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, DarajaUrls.Combine(addresses.DarajaBaseUrl, "oauth/v1/generate?grant_type=client_credentials"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request, cancellationToken);
                var reply = await DarajaReply.ReadAsync(response, cancellationToken);
                if (reply.IsSuccessStatus && reply.Read(DarajaJsonContext.Default.TokenResponseBody) is { AccessToken.Length: > 0 } body)
                {
                    metrics?.DarajaRequest("token", "ok", Stopwatch.GetElapsedTime(started));
                    metrics?.TokenIssued();
                    var lifetime = TimeSpan.FromSeconds(body.ExpiresIn is > 0 ? body.ExpiresIn.Value : 3599);
                    var margin = lifetime / 2 < MaxRefreshMargin ? lifetime / 2 : MaxRefreshMargin;
                    LogTokenObtained(logger, (int)lifetime.TotalSeconds);
                    return new DarajaToken(body.AccessToken!, clock.GetUtcNow() + lifetime - margin);
                }

                metrics?.DarajaRequest("token", "refused", Stopwatch.GetElapsedTime(started));
                detail = reply.Error?.ErrorCode ?? $"HTTP {(int)reply.Status}";
                reason = NoAnswerReason.Unreachable;
                LogTokenRefused(logger, detail, attempt);
                if ((int)reply.Status is >= 400 and < 500)
                {
                    break; // wrong credentials or request: asking again will not help
                }
            }
            catch (HttpRequestException exception)
            {
                metrics?.DarajaRequest("token", "unreachable", Stopwatch.GetElapsedTime(started));
                (reason, detail) = (NoAnswerReason.Unreachable, exception.HttpRequestError.ToString());
                LogTokenUnreachable(logger, detail, attempt);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                metrics?.DarajaRequest("token", "timeout", Stopwatch.GetElapsedTime(started));
                (reason, detail) = (NoAnswerReason.TimedOut, "timeout");
                LogTokenUnreachable(logger, detail, attempt);
            }
        }

        throw new DarajaUnavailableException(reason, $"No Daraja token: {detail}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daraja token obtained, valid for {LifetimeSeconds} s")]
    private static partial void LogTokenObtained(ILogger logger, int lifetimeSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daraja called the token invalid; a new one will be requested")]
    private static partial void LogTokenInvalidated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daraja refused a token request ({Detail}), try {Attempt}")]
    private static partial void LogTokenRefused(ILogger logger, string detail, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daraja token request failed ({Detail}), try {Attempt}")]
    private static partial void LogTokenUnreachable(ILogger logger, string detail, int attempt);
}
