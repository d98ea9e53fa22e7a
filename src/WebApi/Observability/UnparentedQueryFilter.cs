using System.Diagnostics;
using OpenTelemetry;

namespace Shield.WebApi.Observability;

/// <summary>
/// Drops the EF Core spans that belong to no trace: the background workers' polls (the outbox dispatcher, webhook
/// deliveries, leases) query the database every second or so, and each would be a trace of one span saying nothing.
/// A query inside a request, a command or a reconciler pass has a parent and is kept.
/// </summary>
public sealed class UnparentedQueryFilter : BaseProcessor<Activity>
{
    /// <summary>The ActivitySource of OpenTelemetry's EF Core instrumentation.</summary>
    public const string EntityFrameworkSource = "OpenTelemetry.Instrumentation.EntityFrameworkCore";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Parent is null && data.ParentSpanId == default && string.Equals(data.Source.Name, EntityFrameworkSource, StringComparison.Ordinal))
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded; // the exporter skips a span not recorded
        }
    }
}
