using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// Observability:PrometheusEndpoint=true: a real Prometheus scrapes Shield's /metrics and answers queries about what
/// Shield did, under the names the dashboards and alerts use.
/// </summary>
public sealed class PrometheusScrapeTests
{
    [PrometheusFact]
    public async Task Metrics_ScrapedByPrometheus_CountTheCompletedPaymentAndTheRequests()
    {
        await using var shield = await ObservedShield.StartAsync(new Dictionary<string, string?> { ["Observability__PrometheusEndpoint"] = "true" });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{shield.Port}");
        using var client = shield.Client(ShieldApp.ApiKey);

        await ObservedShield.PayAsync(client, Phones.Next());

        IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> initiated = [], settled = [], requests = [], callbacks = [];
        var scraped = await ObservedShield.EventuallyAsync(async () =>
        {
            initiated = await prometheus.QueryAsync("shield_payments_initiated_total");
            settled = await prometheus.QueryAsync("shield_payments_settled_total{status=\"completed\"}");
            callbacks = await prometheus.QueryAsync("shield_callbacks_received_total");
            requests = await prometheus.QueryAsync("http_server_request_duration_seconds_count{http_route=\"api/v1/payments\"}");
            return initiated.Count > 0 && settled.Count > 0 && callbacks.Count > 0 && requests.Count > 0;
        }, seconds: 15);

        Assert.True(scraped, $"Prometheus has not got every series: initiated {initiated.Count}, settled {settled.Count}, callbacks {callbacks.Count}, requests {requests.Count}.");
        var accepted = Assert.Single(initiated);
        Assert.Equal("accepted", accepted.Labels["outcome"]);
        Assert.Equal(1, accepted.Value);
        var completed = Assert.Single(settled);
        Assert.Equal("0", completed.Labels["result_code"]);
        Assert.Equal(1, completed.Value);
        var applied = Assert.Single(callbacks);
        Assert.Equal("applied", applied.Labels["outcome"]);
        Assert.Equal(1, applied.Value);
        var posted = Assert.Single(requests, r => r.Labels.GetValueOrDefault("http_request_method") == "POST");
        Assert.Equal(1, posted.Value);
    }
}
