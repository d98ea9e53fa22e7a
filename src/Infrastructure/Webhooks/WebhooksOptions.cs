using System.Globalization;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// Configuration section <c>Webhooks</c>: which receiver addresses Shield may call, how long one delivery may take,
/// and when a failing delivery is tried again.
/// </summary>
public sealed class WebhooksOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// The schedule used when <see cref="RetrySchedule"/> is not configured: immediately, 5 s, 5 min, 30 min, 2 h, 5 h,
    /// 10 h and 10 h (eight attempts over about 28 hours).
    /// </summary>
    public static IReadOnlyList<TimeSpan> DefaultRetrySchedule { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(10),
    ];

    /// <summary>Endpoint URLs must use https (false in Development, where receivers run on plain http on loopback).</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// CIDR ranges a receiver may resolve to although they are loopback, private, link-local, CGNAT, multicast or
    /// unique-local (e.g. <c>127.0.0.0/8</c> and <c>::1/128</c> in Development). Empty: only public addresses.
    /// </summary>
    public IList<string> AllowedPrivateNetworks { get; } = [];

    /// <summary>How long one delivery attempt may take, from connecting to the first 1 KB of the answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The delay before each attempt: entry 0 before the first, entry n after the n-th failure; an event is given up
    /// after as many attempts as there are entries. Configured entries replace <see cref="DefaultRetrySchedule"/>
    /// (the configuration binder adds to a list, so the default lives apart; see <see cref="EffectiveRetrySchedule"/>).
    /// </summary>
    public IList<TimeSpan> RetrySchedule { get; } = [];

    /// <summary>How long the previous secret keeps signing beside the new one after a rotation.</summary>
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose every attempt has failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long events are kept for the events API and redelivery.</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many deliveries one worker pass takes at most.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How often the delivery worker looks for due deliveries when nothing told it of a new one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The configured <see cref="RetrySchedule"/>, or <see cref="DefaultRetrySchedule"/> when none is configured.</summary>
    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Count == 0 ? DefaultRetrySchedule : [.. RetrySchedule];

    /// <summary>A duration as an operator reads it in a delivery's error: <c>15 s</c>, <c>300 ms</c>.</summary>
    internal static string Describe(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###} ms");
}
