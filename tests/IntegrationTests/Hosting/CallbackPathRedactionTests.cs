using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shield.IntegrationTests.Infrastructure;
using Shield.WebApi.Hosting;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// The secret path segment of Safaricom's callback URLs is taken out of the request before anything logs it: no log
/// line at any level, no request activity, no problem body carries it, and the callbacks still work.
/// </summary>
public sealed class CallbackPathRedactionTests
{
    [Fact]
    public async Task Callbacks_WithEveryLogAtTrace_NoLineNorActivityCarriesTheSecret()
    {
        var secret = "redaction-test-" + Guid.NewGuid().ToString("N");
        var wrongSecret = "wrong-secret-" + Guid.NewGuid().ToString("N");
        var activities = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => activities.Enqueue($"{a.DisplayName} {string.Join(' ', a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"),
        };
        ActivitySource.AddActivityListener(listener);
        // What a tracing instrumentation reads: the request's path as the host announces the request.
        using var tracing = new RequestPathObserver();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:CallbackSecret"] = secret,
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        using var safaricom = app.Anonymous();

        string[] admitted =
        [
            $"api/v1/daraja/stk-callback/{secret}",
            $"API/V1/DARAJA/STK-CALLBACK/{secret}",
            $"api/v1/daraja/stk-callback/{secret}/",
            $"api/v1/daraja/transaction-status/result/{secret}",
            $"api/v1/daraja/transaction-status/timeout/{secret}",
        ];
        foreach (var path in admitted)
        {
            var body = path.Contains("transaction-status", StringComparison.Ordinal) ? CallbackRequests.TransactionStatus() : CallbackRequests.Stk();
            using var response = await safaricom.PostAsync(new Uri(path, UriKind.Relative), body);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }

        using var wrong = await safaricom.PostAsync(new Uri($"api/v1/daraja/stk-callback/{wrongSecret}", UriKind.Relative), CallbackRequests.Stk());
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        var problem = await wrong.Content.ReadAsStringAsync();
        using (var document = JsonDocument.Parse(problem))
        {
            Assert.Equal("not_found", document.RootElement.GetProperty("code").GetString());
        }

        var lines = app.Logs.Lines;
        foreach (var value in new[] { secret, wrongSecret })
        {
            Assert.DoesNotContain(lines, l => l.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(activities, a => a.Contains(value, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(tracing.Paths, p => p.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains(lines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/api/v1/daraja/stk-callback/redacted", StringComparison.Ordinal));
        Assert.Contains(tracing.Paths, p => p.StartsWith("/api/v1/daraja/transaction-status/timeout/redacted", StringComparison.Ordinal));

        Assert.DoesNotContain(wrongSecret, problem, StringComparison.Ordinal);
    }

    /// <summary>Every route under the callback prefix ends with the secret, so the one rule redacts all of them (a new callback route included).</summary>
    [Fact]
    public async Task CallbackRoutes_EveryRouteUnderThePrefix_EndsWithTheSecretSegment()
    {
        await using var app = new ShieldApp();
        app.Anonymous().Dispose();

        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith(CallbackPathRedaction.Prefix.TrimStart('/') + "/", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Equal(4, routes.Count); // STK, Transaction Status, reversal, reversal status
        Assert.All(routes, r => Assert.EndsWith("/{secret}", r, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/daraja/stk-callback/s3cret-value-0001", "/api/v1/daraja/stk-callback/redacted")]
    [InlineData("/api/v1/daraja/transaction-status/result/s3cret-value-0001", "/api/v1/daraja/transaction-status/result/redacted")]
    [InlineData("/api/v1/daraja/reversal/timeout/s3cret-value-0001", "/api/v1/daraja/reversal/timeout/redacted")]
    [InlineData("/API/V1/Daraja/stk-callback/s3cret-value-0001/", "/API/V1/Daraja/stk-callback/redacted/")]
    [InlineData("/api/v1/daraja/s3cret-value-0001", "/api/v1/daraja/redacted")]
    [InlineData("/api/v1/daraja/stk-callback/s3cret-value-0001/s3cret-value-0001", "/api/v1/daraja/stk-callback/redacted/redacted")]
    [InlineData("/api/v1/daraja/transaction-status/s3cret-value-0001/timeout/s3cret-value-0001", "/api/v1/daraja/transaction-status/redacted/timeout/redacted")]
    public void TryRedact_UnderTheCallbackPrefix_ReplacesTheSecretAndEverySegmentAfterTheRouteName(string path, string redacted)
    {
        Assert.True(CallbackPathRedaction.TryRedact(path, out var result, out var secret));

        Assert.Equal(redacted, result);
        Assert.Equal("s3cret-value-0001", secret);
    }

    [Theory]
    [InlineData("/api/v1/payments/0195f0a4-0000-7000-8000-000000000001")]
    [InlineData("/api/v1/darajax/stk-callback/s3cret-value-0001")]
    [InlineData("/api/v1/daraja")]
    [InlineData("/api/v1/daraja/")]
    [InlineData("/health/ready")]
    [InlineData("/daraja-simulator/oauth/v1/generate")]
    public void TryRedact_ElsewhereOrWithoutASegment_LeavesThePathAlone(string path)
    {
        Assert.False(CallbackPathRedaction.TryRedact(path, out _, out _));
    }

    /// <summary>Records the path and raw target of every request the host announces on its DiagnosticListener.</summary>
    private sealed class RequestPathObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly ConcurrentQueue<IDisposable> _subscriptions = new();

        public RequestPathObserver() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public ConcurrentQueue<string> Paths { get; } = new();

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.AspNetCore")
            {
                _subscriptions.Enqueue(value.Subscribe(this, name => name.StartsWith("Microsoft.AspNetCore.Hosting.HttpRequestIn", StringComparison.Ordinal)));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "Microsoft.AspNetCore.Hosting.HttpRequestIn.Start" && value.Value is Microsoft.AspNetCore.Http.HttpContext context)
            {
                Paths.Enqueue($"{context.Request.Path} {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget}");
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _all.Dispose();
            while (_subscriptions.TryDequeue(out var subscription))
            {
                subscription.Dispose();
            }
        }
    }
}
