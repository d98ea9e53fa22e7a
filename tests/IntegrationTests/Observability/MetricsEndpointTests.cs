using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>GET /metrics exists only with Observability:PrometheusEndpoint; with no exporter at all, telemetry is off: nothing is registered.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Host_WithNoExporterConfigured_RegistersNoOpenTelemetryAndHasNoMetricsEndpoint()
    {
        await using var app = new ShieldApp();
        using var client = app.Anonymous();

        using var metrics = await client.GetAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Host_WithThePrometheusEndpointOn_AnswersMetricsAnonymouslyInPrometheusText()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Observability:PrometheusEndpoint"] = "true" });
        using var client = app.Anonymous();
        (await client.GetAsync(new Uri("health/live", UriKind.Relative))).Dispose();

        using var metrics = await client.GetAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.Contains("# TYPE", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
