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
}
