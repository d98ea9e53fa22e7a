using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Shield.LoadHarness;

/// <summary>
/// A client app of the fleet, through nginx: starts payments with an Idempotency-Key, as a careful client does, and
/// sends the same request again (same key) on a 409 <c>idempotency_key_in_use</c> (after its Retry-After), a 5xx or
/// no answer, until it has its 202 or <see cref="GiveUpAfter"/> passed.
/// </summary>
internal sealed class FleetClient : IDisposable
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(25);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public FleetClient(Uri baseUrl, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, UseCookies = false, AllowAutoRedirect = false };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(45) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", HarnessCredentials.ApiKey);
    }

    /// <summary>POST /api/v1/payments until a 202 (or giving up): every answer's status is kept, in order.</summary>
    public async Task<Initiation> InitiateAsync(string phone, string key)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"phoneNumber":"{{phone}}","amount":{{Requests.Amount}},"accountReference":"FLEET","description":"Fleet test"}""");
        var statuses = new List<int>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments") { Content = new ByteArrayContent(body) { Headers = { ContentType = Json } } };
            request.Headers.Add("Idempotency-Key", key);
            var wait = TimeSpan.FromMilliseconds(500);
            try
            {
                using var response = await _http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                statuses.Add((int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    using var document = JsonDocument.Parse(text);
                    var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
                    return new Initiation(document.RootElement.GetProperty("id").GetGuid(), replayed, statuses, clock.Elapsed, null);
                }

                var retriable = (int)response.StatusCode >= 500
                    || (response.StatusCode == HttpStatusCode.Conflict && text.Contains("idempotency_key_in_use", StringComparison.Ordinal));
                if (!retriable)
                {
                    return new Initiation(null, false, statuses, clock.Elapsed, $"{(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                }

                if (response.Headers.RetryAfter?.Delta is { } delta)
                {
                    wait = delta;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                statuses.Add(0);
            }

            if (clock.Elapsed + wait > GiveUpAfter)
            {
                return new Initiation(null, false, statuses, clock.Elapsed, $"no 202 within {GiveUpAfter.TotalSeconds:F0} s (answers: {string.Join(' ', statuses)})");
            }

            await Task.Delay(wait);
        }
    }

    /// <summary>GET /api/v1/payments/{id}: its status, or null (the status code kept) when it did not answer 200.</summary>
    public async Task<(int Code, string? Status)> GetAsync(Guid id)
    {
        try
        {
            using var response = await _http.GetAsync($"/api/v1/payments/{id}");
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return ((int)response.StatusCode, null);
            }

            using var document = JsonDocument.Parse(text);
            return (200, document.RootElement.GetProperty("status").GetString());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, null);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>What one initiation got in the end: the payment (null without a 202), whether it was a replay, every answer's status (0: none).</summary>
internal sealed record Initiation(Guid? PaymentId, bool Replayed, IReadOnlyList<int> Statuses, TimeSpan Took, string? Error);
