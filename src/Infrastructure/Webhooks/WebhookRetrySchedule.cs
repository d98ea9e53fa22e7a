namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// When a failing delivery is tried again: entry n of <c>Webhooks:RetrySchedule</c> is the delay after the n-th failed
/// attempt, varied by ±10 % so that the retries of many events that failed together (a receiver that was down) do not
/// arrive together. A receiver's <c>Retry-After</c> is honoured as the least delay, but never beyond the schedule's
/// longest entry, so a receiver cannot park its deliveries for a year.
/// </summary>
internal static class WebhookRetrySchedule
{
    /// <summary>The jitter's spread: a delay is between 90 % and 110 % of its entry.</summary>
    public const double Jitter = 0.10;

    /// <summary>The delay before the next attempt, or null when the schedule is exhausted and the delivery is given up.</summary>
    /// <param name="schedule">The delays (<see cref="WebhooksOptions.EffectiveRetrySchedule"/>): entry 0 before the first attempt.</param>
    /// <param name="failedAttempts">How many attempts have failed so far (0 asks for the first attempt's delay, given unvaried).</param>
    /// <param name="retryAfter">The last answer's <c>Retry-After</c>, if any.</param>
    /// <param name="jitter">A number in [0, 1), e.g. <c>Random.Shared.NextDouble</c>; 0.5 means no variation.</param>
    public static TimeSpan? NextDelay(IReadOnlyList<TimeSpan> schedule, int failedAttempts, TimeSpan? retryAfter, Func<double> jitter)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(jitter);
        ArgumentOutOfRangeException.ThrowIfNegative(failedAttempts);
        if (failedAttempts >= schedule.Count)
        {
            return null;
        }

        var entry = schedule[failedAttempts];
        var delay = failedAttempts == 0
            ? entry
            : TimeSpan.FromTicks((long)(entry.Ticks * (1 - Jitter + (2 * Jitter * Math.Clamp(jitter(), 0, 1)))));
        if (retryAfter is { } wanted)
        {
            var longest = schedule.Max();
            var least = wanted < longest ? wanted : longest;
            delay = least > delay ? least : delay;
        }

        return delay;
    }
}
