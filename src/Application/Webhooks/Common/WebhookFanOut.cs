using System.Text.Json;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.Common;

/// <summary>
/// Every payment and refund event becomes one delivery per endpoint of its client that wants its type, in the same
/// commit for all of them; handled again (at least once), it adds none twice. The delivery worker posts them, one
/// aggregate's events to one endpoint in order. An endpoint disabled (410, or failing too long) gets its deliveries too,
/// given up at once: <c>recover</c> sends them when it is back.
/// </summary>
public sealed class WebhookFanOut(IWebhookStore store, TimeProvider clock) : IEventHandler<PaymentEvent>, IEventHandler<RefundEvent>
{
    public Task HandleAsync(PaymentEvent published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        return FanOutAsync(published, published.PaymentId, published.Sequence, published.ClientId,
            JsonSerializer.Serialize(published.Payment, EventJson.Options), cancellationToken);
    }

    public Task HandleAsync(RefundEvent published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        return FanOutAsync(published, published.RefundId, published.Sequence, published.ClientId,
            JsonSerializer.Serialize(published.Refund, EventJson.Options), cancellationToken);
    }

    private async Task FanOutAsync(IPublishedEvent published, Guid streamId, int sequence, string clientId, string data, CancellationToken cancellationToken)
    {
        var endpoints = (await store.ListEndpointsAsync(new ClientId(clientId), cancellationToken)).Where(e => e.Wants(published.Type)).ToList();
        if (endpoints.Count == 0)
        {
            return;
        }

        var already = (await store.ListEndpointsDeliveringAsync(published.Id, cancellationToken)).ToHashSet();
        var body = EventEnvelope.Json(published.Id, published.Type, published.OccurredAt, data);
        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints.Where(e => !already.Contains(e.Id)))
        {
            var delivery = WebhookDelivery.For(Guid.CreateVersion7(), endpoint, published.Id, published.Type, streamId, sequence, body, now);
            if (!endpoint.IsActive)
            {
                delivery.Abandon(now);
            }

            store.Add(delivery);
        }

        await store.UnitOfWork.SaveChangesAsync(cancellationToken);
    }
}
