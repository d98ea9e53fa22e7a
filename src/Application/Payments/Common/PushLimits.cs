using Shield.Domain.Common;

namespace Shield.Application.Payments.Common;

/// <summary>The refusal of a push the phone's budget (RateLimits:PhonePushesPerHour) does not allow.</summary>
public static class PushLimits
{
    public static Error TooManyPushes(TimeSpan retryAfter) =>
        new("too_many_pushes", "This phone has had too many payment prompts recently (RateLimits:PhonePushesPerHour). Try again later.", ErrorType.RateLimited)
        {
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)),
        };
}
