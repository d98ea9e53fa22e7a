using System.ComponentModel.DataAnnotations;

namespace Shield.Infrastructure.Events;

/// <summary>Configuration section <c>Events</c>: the outbox's dispatcher and how long delivered events are kept.</summary>
public sealed class EventsOptions
{
    public const string SectionName = "Events";

    /// <summary>Run the dispatcher in this instance (every instance may: rows are leased).</summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for events when nothing told it of a commit (another instance's, a retry's backoff).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many events one lease takes at most.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a dispatcher holds the events it leased; another takes them only after that (at least once, never lost).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two deliveries of an event whose handler keeps failing (the backoff doubles up to it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a delivered event is kept (the events API and redelivery read it), then deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
