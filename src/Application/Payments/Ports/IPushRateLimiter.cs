using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>
/// Caps the pushes one phone receives (RateLimits:PhonePushesPerHour), so a client cannot spam a stranger's phone.
/// Asynchronous because a fleet counts in Redis (Cache:Redis).
/// </summary>
public interface IPushRateLimiter
{
    /// <summary>Takes one push for the phone; refused (with when to try again) when its budget is spent.</summary>
    ValueTask<PushPermit> AcquireAsync(Msisdn phoneNumber, CancellationToken cancellationToken);
}
