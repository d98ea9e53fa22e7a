namespace Shield.Application.Payments.Ports;

/// <summary>The phone's push budget's answer: granted, or refused until <see cref="RetryAfter"/> has passed.</summary>
public readonly record struct PushPermit(bool IsGranted, TimeSpan RetryAfter)
{
    public static PushPermit Granted { get; } = new(true, TimeSpan.Zero);

    public static PushPermit Refused(TimeSpan retryAfter) => new(false, retryAfter);
}
