using System.ComponentModel.DataAnnotations;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>Configuration section <c>RateLimits</c>: abuse limits answered with 429 and Retry-After.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>API calls per client per minute.</summary>
    [Range(1, 1_000_000)]
    public int ClientRequestsPerMinute { get; set; } = 600;

    /// <summary>STK pushes (new payments and retries) to one phone per hour.</summary>
    [Range(1, 10_000)]
    public int PhonePushesPerHour { get; set; } = 10;

    /// <summary>
    /// How many instances share the limits (Cache:Redis). While Redis cannot be reached each instance counts alone and
    /// allows limit / FleetInstances (at least 1), so the fleet together never allows more than the limit.
    /// </summary>
    [Range(1, 1_000)]
    public int FleetInstances { get; set; } = 1;
}
