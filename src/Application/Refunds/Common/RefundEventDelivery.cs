using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Common.Events;
using Shield.Application.Refunds.Contracts;

namespace Shield.Application.Refunds.Common;

/// <summary>A refund's stored events, read back as <see cref="RefundEvent"/> and given to its handlers.</summary>
public sealed class RefundEventDelivery : IEventDelivery
{
    public bool Delivers(string type) => type.StartsWith("refund.", StringComparison.Ordinal);

    public async Task DeliverAsync(OutboxEvent stored, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var refund = JsonSerializer.Deserialize<RefundDetails>(stored.Data, EventJson.Options)
            ?? throw new InvalidOperationException($"Event {stored.Id} has no refund data.");
        var published = new RefundEvent(stored.Id, stored.Type, stored.StreamId, stored.PaymentId, stored.Sequence, stored.ClientId, stored.OccurredAt, refund);
        await EventHandlers.DeliverAsync(services.GetServices<IEventHandler<RefundEvent>>(), published, cancellationToken);
    }
}
