using System.ComponentModel.DataAnnotations;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>Configuration section <c>Reconciliation</c>: how attempts without an outcome are chased (see <see cref="ReconciliationSchedule"/>).</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>How often the reconciler runs, and the base of the query backoff.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a push was accepted the first STK Push Query is made.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstQueryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an attempt may stay without an outcome before it is Expired.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A callback stored but still unprocessed this long after it arrived (the process died, or the database failed,
    /// right after its body was stored) is processed by the reconciler.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReprocessCallbacksAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Run the background reconciler in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many payments one run looks at, at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    public ReconciliationSchedule Schedule => new(FirstQueryAfter, Interval, ExpireAfter);
}
