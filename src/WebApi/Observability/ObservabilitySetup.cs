using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shield.Application.Common.Telemetry;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.Observability;

/// <summary>
/// OpenTelemetry for Shield (README, Observability): traces of ASP.NET Core, HttpClient (Daraja, webhooks), EF Core
/// and Shield's own spans; metrics of ASP.NET Core, Kestrel, HttpClient and Shield's meter. Registered only when an
/// exporter is asked for: OTLP (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, traces and metrics; the standard OTEL_* variables
/// apply) or the Prometheus scrape endpoint (<c>Observability:PrometheusEndpoint=true</c>, GET /metrics). With neither,
/// nothing is registered: no listener, so no span is made and a measurement costs one check.
/// </summary>
public static class ObservabilitySetup
{
    public const string PrometheusSetting = "Observability:PrometheusEndpoint";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameSetting = "OTEL_SERVICE_NAME";
    public const string DefaultServiceName = "shield";
    public const string MetricsPath = "/metrics";

    /// <summary>The built-in meters exported beside Shield's own.</summary>
    internal static readonly string[] Meters =
        [ShieldTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static bool OtlpEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration?[OtlpEndpointSetting]);

    public static bool PrometheusEnabled(IConfiguration configuration) => configuration?.GetValue(PrometheusSetting, false) == true;

    public static IServiceCollection AddShieldObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // JSON console logs (Logging:Console:FormatterName=json) carry the log scopes, so that each line has the
        // TraceId and SpanId the host's activity tracking adds, unless the operator set IncludeScopes themselves.
        if (configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        }

        var otlp = OtlpEnabled(configuration);
        var prometheus = PrometheusEnabled(configuration);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var serviceName = configuration[ServiceNameSetting] is { Length: > 0 } name ? name : DefaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, autoGenerateServiceInstanceId: true))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ShieldTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        // Scrapes and probes are not traced: they would be most of the spans and say nothing.
                        o.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
                            && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                    })
                    .AddHttpClientInstrumentation(o =>
                    {
                        // A webhook URL may carry the client's token in its query or user info: kept as the console shows it.
                        o.EnrichWithHttpRequestMessage = (activity, request) =>
                        {
                            if (request.RequestUri is { IsAbsoluteUri: true } uri)
                            {
                                activity.SetTag("url.full", ConsoleText.Url(uri.AbsoluteUri));
                            }
                        };
                    })
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddProcessor(new UnparentedQueryFilter())
                    .AddProcessor(provider => new TelemetryRedaction(provider.GetRequiredService<IOptionsMonitor<MpesaOptions>>(), configuration));
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        return services;
    }

    /// <summary>Maps GET /metrics when the Prometheus endpoint is on (anonymous: block it at the proxy).</summary>
    public static WebApplication MapShieldObservability(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }

        return app;
    }
}
