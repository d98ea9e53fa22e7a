using System.Text;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// OTEL_EXPORTER_OTLP_ENDPOINT set: Shield exports its traces and metrics over OTLP/HTTP (protobuf), here to a receiver
/// on loopback, as an operator's collector would get them.
/// </summary>
public sealed class OtlpExportTests
{
    private const int SpanKindServer = 2;
    private const int SpanKindClient = 3;

    [OnceFact]
    public async Task PostPayment_WithOtlpOn_ExportsOneTraceFromRequestToDarajaAndDatabase_AndTheMetrics_WithoutPhoneOrSecret()
    {
        await using var receiver = new OtlpReceiver();
        await using var shield = await ObservedShield.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.AbsoluteUri,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_SERVICE_NAME"] = "shield-otlp-test",
        });
        using var client = shield.Client(ShieldApp.ApiKey);
        var phone = Phones.Next();
        var (traceParent, traceId) = ObservedShield.NewTraceParent();

        var paymentId = await ObservedShield.PayAsync(client, phone, traceParent);

        var payment = paymentId.ToString();
        IReadOnlyList<ReceivedSpan> trace = [];
        IReadOnlyList<ReceivedSpan> callbacks = [];
        var complete = await ObservedShield.EventuallyAsync(() =>
        {
            var spans = receiver.Spans();
            trace = [.. spans.Where(s => s.TraceId == traceId)];
            callbacks = [.. spans.Where(s => s.Kind == SpanKindServer && s.Attributes.GetValueOrDefault("http.route", string.Empty).Contains("stk-callback", StringComparison.Ordinal))];
            var metrics = receiver.MetricNames();
            return Task.FromResult(trace.Any(s => s.Kind == SpanKindServer) && trace.Any(s => s.Name == "InitiatePaymentCommand")
                && trace.Any(s => s.Kind == SpanKindClient && s.Attributes.GetValueOrDefault("url.full", string.Empty).Contains("stkpush", StringComparison.Ordinal))
                && trace.Any(IsDatabaseSpan) && callbacks.Any(s => s.Attributes.GetValueOrDefault("shield.payment.id") == payment)
                && metrics.Contains("shield.payments.initiated") && metrics.Contains("shield.callbacks.received"));
        }, seconds: 15);

        var names = string.Join(", ", trace.Select(s => $"{s.Scope}:{s.Name}"));
        Assert.True(complete, $"Not everything arrived. Trace {traceId}: {names}; metrics: {string.Join(", ", receiver.MetricNames())}");

        // One trace: the request (the caller's trace), the command inside it, the push to Daraja and the database.
        var request = Assert.Single(trace, s => s.Kind == SpanKindServer && s.Attributes.GetValueOrDefault("http.route") == "api/v1/payments");
        Assert.Equal(payment, request.Attributes.GetValueOrDefault("shield.payment.id"));
        Assert.Equal("demo", request.Attributes.GetValueOrDefault("shield.client.id")); // the client's id, never its key
        var command = Assert.Single(trace, s => s.Name == "InitiatePaymentCommand");
        Assert.Equal("Shield", command.Scope);
        Assert.Equal(payment, command.Attributes.GetValueOrDefault("shield.payment.id"));
        Assert.Equal(request.SpanId, command.ParentSpanId);

        // The callback's request names its payment, and its path carries no secret.
        var callback = callbacks.First(s => s.Attributes.GetValueOrDefault("shield.payment.id") == payment);
        Assert.EndsWith("/redacted", callback.Attributes.GetValueOrDefault("url.path"), StringComparison.Ordinal);

        var everything = receiver.Everything();
        foreach (var forbidden in new[] { phone, Phones.Msisdn(phone) }.Concat(ObservedShield.Secrets))
        {
            Assert.False(Contains(everything, forbidden), $"The exported telemetry holds \"{forbidden}\".");
        }
    }

    private static bool IsDatabaseSpan(ReceivedSpan span) =>
        span.Attributes.ContainsKey("db.system.name") || span.Attributes.ContainsKey("db.system");

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
