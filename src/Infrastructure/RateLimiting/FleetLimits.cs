namespace Shield.Infrastructure.RateLimiting;

/// <summary>The names a refusal is counted under (shield.rate_limited), and the per-instance share of a fleet's limit.</summary>
internal static class FleetLimits
{
    public const string PhonePushes = "phone_pushes";
    public const string ClientRequests = "client_requests";

    /// <summary>Counted in Redis, for the whole fleet.</summary>
    public const string FleetScope = "fleet";

    /// <summary>Counted in this instance's memory (no Redis configured, or Redis unreachable).</summary>
    public const string InstanceScope = "instance";

    /// <summary>
    /// What one instance allows while it counts alone: the limit divided by the fleet's size, rounded down (never looser
    /// than the limit for the fleet together), and at least 1 (a limit below the fleet's size still lets a phone be paid).
    /// </summary>
    public static int PerInstance(int limit, int fleetInstances) => Math.Max(1, limit / Math.Max(1, fleetInstances));
}
