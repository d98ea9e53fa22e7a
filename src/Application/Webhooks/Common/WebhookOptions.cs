namespace Shield.Application.Webhooks.Common;

/// <summary>The Webhooks settings the module's commands use (the transport's are the Infrastructure's).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long the old secret keeps signing beside the new one after a rotation.</summary>
    public TimeSpan SecretRotationGrace { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint failing every attempt this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long events are kept for the events API (and recover).</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The most endpoints a client may have.</summary>
    public int MaxEndpointsPerClient { get; set; } = 20;
}
