using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.Common;

/// <summary>A payment's stored events, read back as <see cref="PaymentEvent"/> and given to its handlers.</summary>
public sealed class PaymentEventDelivery : IEventDelivery
{
    public bool Delivers(string type) => type.StartsWith("payment.", StringComparison.Ordinal);

    public async Task DeliverAsync(OutboxEvent stored, IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var payment = JsonSerializer.Deserialize<PaymentDetails>(stored.Data, EventJson.Options)
            ?? throw new InvalidOperationException($"Event {stored.Id} has no payment data.");
        var published = new PaymentEvent(stored.Id, stored.Type, stored.PaymentId, stored.Sequence, stored.ClientId, stored.OccurredAt, payment);
        await EventHandlers.DeliverAsync(services.GetServices<IEventHandler<PaymentEvent>>(), published, cancellationToken);
    }
}
