using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.RateLimiting;

/// <summary>
/// RateLimits:PhonePushesPerHour with .NET's sliding-window limiter, one partition per phone, in this instance's
/// memory. (The hard guarantee across instances is the database's one-push-in-flight-per-phone index.)
/// </summary>
internal sealed class PhonePushRateLimiter : IPushRateLimiter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public PhonePushRateLimiter(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.PhonePushesPerHour;
        _limiter = PartitionedRateLimiter.Create<string, string>(phone => RateLimitPartition.GetSlidingWindowLimiter(phone, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromHours(1),
            SegmentsPerWindow = 12,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public bool TryAcquire(Msisdn phoneNumber, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(phoneNumber);
        using var lease = _limiter.AttemptAcquire(phoneNumber.Value);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(5);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
