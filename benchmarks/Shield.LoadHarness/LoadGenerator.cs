using System.Diagnostics;
using System.Net.Http.Headers;

namespace Shield.LoadHarness;

/// <summary>
/// Sends requests to one service on loopback: closed loop (N workers, each sends its next request when the last one
/// is answered, for throughput) or open loop (requests started at a fixed rate whether or not earlier ones are done,
/// latency counted from the moment each was due, so a stall is not hidden). Every run is bounded by its request list.
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _client;
    private readonly string _apiKey;

    /// <param name="baseUrl">The service's address.</param>
    /// <param name="maxConnections">Connections at most.</param>
    /// <param name="apiKey">The X-Api-Key of requests that carry one (the harness's main client by default).</param>
    public LoadGenerator(Uri baseUrl, int maxConnections, string apiKey = HarnessCredentials.ApiKey)
    {
        _apiKey = apiKey;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        _client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Runs <paramref name="requests"/> with <paramref name="concurrency"/> in flight; answers' bodies go to <paramref name="onAnswer"/>.</summary>
    public async Task<Measurement> RunClosedLoopAsync(IReadOnlyList<LoadRequest> requests, int concurrency, Action<int, string>? onAnswer = null)
    {
        var latencies = new double[requests.Count];
        var errors = 0;
        string? firstError = null;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                var started = Stopwatch.GetTimestamp();
                var error = await SendAsync(requests[i], i, onAnswer);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        Array.Sort(latencies);
        return new Measurement(requests.Count, errors, clock.Elapsed, latencies, firstError);
    }

    /// <summary>
    /// Starts one request every 1/<paramref name="perSecond"/> s; each latency counts from when it was due. Answers'
    /// bodies go to <paramref name="onAnswer"/>, called as soon as each answer is read.
    /// </summary>
    public async Task<Measurement> RunAtRateAsync(IReadOnlyList<LoadRequest> requests, int perSecond, Action<int, string>? onAnswer = null)
    {
        var latencies = new double[requests.Count];
        var errors = 0;
        string? firstError = null;
        var interval = Stopwatch.Frequency / (double)perSecond;
        var origin = Stopwatch.GetTimestamp();
        var inFlight = new Task[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var due = origin + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            inFlight[i] = Task.Run(async () =>
            {
                var error = await SendAsync(requests[index], index, onAnswer);
                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                if (error is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            });
        }

        await Task.WhenAll(inFlight);
        var elapsed = Stopwatch.GetElapsedTime(origin);
        Array.Sort(latencies);
        return new Measurement(requests.Count, errors, elapsed, latencies, firstError);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Sends one request and reads the whole answer; returns what went wrong, or null.</summary>
    private async Task<string?> SendAsync(LoadRequest request, int index, Action<int, string>? onAnswer)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.WithApiKey)
        {
            message.Headers.Add("X-Api-Key", _apiKey);
        }

        if (request.JsonBody is { } body)
        {
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        }

        try
        {
            using var response = await _client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != request.ExpectedStatus)
            {
                return $"{request.Method} {request.Path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}";
            }

            onAnswer?.Invoke(index, text);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{request.Method} {request.Path}: {e.GetType().Name} {e.Message}";
        }
    }
}
