using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shield.Baseline.Json;

namespace Shield.Baseline.Daraja;

/// <summary>
/// STK Push over HTTP, as Shield's DarajaClient sends it: one OAuth token cached until shortly before it expires
/// (single flight), Password = base64(shortcode + passkey + timestamp) with the timestamp in East Africa Time, and one
/// retry with a new token when Daraja calls the token invalid. A push is never retried otherwise.
/// </summary>
internal sealed class DarajaClient : IDisposable
{
    private const string InternalErrorCode = "500.003.1001";
    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromMinutes(5);
    private static readonly string[] InvalidTokenCodes = ["404.001.03", "401.002.01", "400.003.01"];
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly BaselineOptions _options;
    private readonly Uri _tokenUrl;
    private readonly Uri _pushUrl;
    private readonly string _callbackUrl;
    private readonly AuthenticationHeaderValue _basic;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile CachedToken? _token;

    public DarajaClient(BaselineOptions options)
    {
        _options = options;
        var root = options.DarajaBaseUrl.AbsoluteUri.TrimEnd('/');
        _tokenUrl = new Uri($"{root}/oauth/v1/generate?grant_type=client_credentials");
        _pushUrl = new Uri($"{root}/mpesa/stkpush/v1/processrequest");
        _callbackUrl = $"{options.CallbackBaseUrl.AbsoluteUri.TrimEnd('/')}/api/v1/daraja/stk-callback/{options.CallbackSecret}";
        _basic = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ConsumerKey}:{options.ConsumerSecret}")));
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public async Task<PushOutcome> PushAsync(string phone, int amount, string accountReference, string description)
    {
        var timestamp = DateTimeOffset.UtcNow.ToOffset(EastAfricaTime).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var password = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Concat(_options.BusinessShortCode, _options.Passkey, timestamp)));
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new StkPushBody(_options.BusinessShortCode, password, timestamp, "CustomerPayBillOnline", amount, phone,
                _options.BusinessShortCode, phone, _callbackUrl, accountReference, description),
            BaselineJsonContext.Default.StkPushBody);

        for (var round = 1; ; round++)
        {
            string? token;
            try
            {
                token = await GetTokenAsync();
            }
            catch (HttpRequestException)
            {
                return new PushOutcome(PushOutcomeKind.NoAnswer);
            }
            catch (TaskCanceledException)
            {
                return new PushOutcome(PushOutcomeKind.NoAnswer, TimedOut: true);
            }

            if (token is null)
            {
                return new PushOutcome(PushOutcomeKind.NoAnswer);
            }

            HttpStatusCode status;
            DarajaAnswer? answer;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _pushUrl) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = Json;
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request);
                status = response.StatusCode;
                answer = Read(await response.Content.ReadAsStringAsync(), BaselineJsonContext.Default.DarajaAnswer);
            }
            catch (HttpRequestException)
            {
                return new PushOutcome(PushOutcomeKind.NoAnswer);
            }
            catch (TaskCanceledException)
            {
                return new PushOutcome(PushOutcomeKind.NoAnswer, TimedOut: true);
            }

            var invalidToken = status == HttpStatusCode.Unauthorized || (answer?.ErrorCode is { } code && InvalidTokenCodes.Contains(code));
            if (invalidToken && round == 1)
            {
                if (_token is { } stale && stale.Value == token)
                {
                    Interlocked.CompareExchange(ref _token, null, stale);
                }

                continue;
            }

            var success = (int)status is >= 200 and < 300;
            return answer switch
            {
                { ErrorCode: InternalErrorCode } => new PushOutcome(PushOutcomeKind.NoAnswer),
                { ResponseCode: "0", CheckoutRequestId.Length: > 0 } when success =>
                    new PushOutcome(PushOutcomeKind.Accepted, answer.MerchantRequestId ?? string.Empty, answer.CheckoutRequestId),
                { ErrorCode.Length: > 0 } => new PushOutcome(PushOutcomeKind.Rejected, ErrorCode: answer.ErrorCode, ErrorMessage: answer.ErrorMessage ?? string.Empty),
                { ResponseCode.Length: > 0 } when success =>
                    new PushOutcome(PushOutcomeKind.Rejected, ErrorCode: answer.ResponseCode, ErrorMessage: answer.ResponseDescription ?? string.Empty),
                _ => new PushOutcome(PushOutcomeKind.NoAnswer),
            };
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    /// <summary>The cached token, or a new one (one request at a time); null when Daraja refused to issue one.</summary>
    private async Task<string?> GetTokenAsync()
    {
        if (_token is { } cached && DateTimeOffset.UtcNow < cached.RefreshAt)
        {
            return cached.Value;
        }

        await _gate.WaitAsync();
        try
        {
            if (_token is { } fresh && DateTimeOffset.UtcNow < fresh.RefreshAt)
            {
                return fresh.Value;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, _tokenUrl);
            request.Headers.Authorization = _basic;
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || Read(body, BaselineJsonContext.Default.TokenAnswer) is not { AccessToken.Length: > 0 } answer)
            {
                return null;
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 3599);
            var margin = lifetime / 2 < MaxRefreshMargin ? lifetime / 2 : MaxRefreshMargin;
            _token = new CachedToken(answer.AccessToken!, DateTimeOffset.UtcNow + lifetime - margin);
            return answer.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static T? Read<T>(string body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.AsSpan().TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}
