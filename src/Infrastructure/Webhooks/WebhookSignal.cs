using Shield.Infrastructure.Events;

namespace Shield.Infrastructure.Webhooks;

/// <summary>Tells this process's delivery worker that a commit made or restarted deliveries: it posts them now, not at its next poll.</summary>
internal sealed class WebhookSignal : EventSignal;
