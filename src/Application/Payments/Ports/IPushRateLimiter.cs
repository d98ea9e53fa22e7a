using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>Caps the pushes one phone receives (RateLimits:PhonePushesPerHour), so a client cannot spam a stranger's phone.</summary>
public interface IPushRateLimiter
{
    /// <summary>Takes one push for the phone; false (with when to try again) when its budget is spent.</summary>
    bool TryAcquire(Msisdn phoneNumber, out TimeSpan retryAfter);
}
