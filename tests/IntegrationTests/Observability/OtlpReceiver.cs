using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// An OTLP/HTTP collector of the smallest kind, on loopback: it keeps the raw protobuf bodies posted to /v1/traces and
/// /v1/metrics and answers each with an empty (successful) export response.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    public OtlpReceiver()
    {
        Port = TestPorts.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/v1/traces", context => Keep(context, Traces));
        _app.MapPost("/v1/metrics", context => Keep(context, Metrics));
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    /// <summary>Every span received: (trace id, span id, parent span id, name, attributes), from ExportTraceServiceRequest.</summary>
    public IReadOnlyList<ReceivedSpan> Spans() =>
        [.. Traces.SelectMany(body => ProtoMessage.Parse(body).Messages(1)) // resource_spans
            .SelectMany(resource => resource.Messages(2)) // scope_spans
            .SelectMany(scope => scope.Messages(2).Select(span => ReceivedSpan.From(scope.Message(1)?.Text(1) ?? string.Empty, span)))];

    /// <summary>Every metric's name received, from ExportMetricsServiceRequest (resource_metrics / scope_metrics / metrics).</summary>
    public IReadOnlySet<string> MetricNames() =>
        Metrics.SelectMany(body => ProtoMessage.Parse(body).Messages(1))
            .SelectMany(resource => resource.Messages(2))
            .SelectMany(scope => scope.Messages(2))
            .Select(metric => metric.Text(1) ?? string.Empty)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Everything received, traces and metrics, as one byte array (to look for what must never be there).</summary>
    public byte[] Everything() => [.. Traces.SelectMany(b => b), .. Metrics.SelectMany(b => b)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task Keep(HttpContext context, ConcurrentQueue<byte[]> into)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        into.Enqueue(body.ToArray());
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}

/// <summary>One span as OTLP carries it: ids in hex, its instrumentation scope, name, kind and string attributes.</summary>
public sealed record ReceivedSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes)
{
    public static ReceivedSpan From(string scope, ProtoMessage span)
    {
        ArgumentNullException.ThrowIfNull(span);
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in span.Messages(9)) // KeyValue: 1 key, 2 AnyValue (1 string, 2 bool, 3 int, 4 double)
        {
            var value = attribute.Message(2);
            attributes[attribute.Text(1) ?? string.Empty] = value?.Text(1) ?? value?.Varint(3)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return new ReceivedSpan(scope, Hex(span.Bytes(1)), Hex(span.Bytes(2)), Hex(span.Bytes(4)), span.Text(5) ?? string.Empty, (int)(span.Varint(6) ?? 0), attributes);
    }

    private static string Hex(byte[]? bytes) => bytes is null ? string.Empty : Convert.ToHexStringLower(bytes);
}
