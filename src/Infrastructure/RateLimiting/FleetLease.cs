using System.Threading.RateLimiting;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>A fleet limiter's answer: acquired or not, when to try again, and where it was counted (fleet or instance).</summary>
internal sealed class FleetLease(bool acquired, TimeSpan? retryAfter, string scope, RateLimitLease? inner = null) : RateLimitLease
{
    /// <summary>Where the request was counted: <see cref="FleetLimits.FleetScope"/> or <see cref="FleetLimits.InstanceScope"/>.</summary>
    public static readonly MetadataName<string> Scope = new("shield.scope");

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames =>
        RetryAfter is null ? [Scope.Name] : [Scope.Name, MetadataName.RetryAfter.Name];

    private TimeSpan? RetryAfter =>
        retryAfter ?? (inner is not null && inner.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == Scope.Name)
        {
            metadata = scope;
            return true;
        }

        if (metadataName == MetadataName.RetryAfter.Name && RetryAfter is { } after)
        {
            metadata = after;
            return true;
        }

        metadata = null;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
        }

        base.Dispose(disposing);
    }
}
