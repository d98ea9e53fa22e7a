using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.RedeliverEvent;

/// <summary>
/// Sends one event again now: to <paramref name="EndpointId"/>, or to every endpoint it was delivered to (or, when it
/// was delivered to none, every enabled endpoint that wants it). A new round of the retry schedule; same webhook-id.
/// </summary>
public sealed record RedeliverEventCommand(ClientId ClientId, Guid EventId, Guid? EndpointId) : ICommand<Result<RedeliveryDetails>>;

/// <summary>The endpoints the event is being sent to again.</summary>
public sealed record RedeliveryDetails(Guid EventId, IReadOnlyList<Guid> EndpointIds);

public sealed class RedeliverEventCommandHandler(IWebhookStore store, IEventLog events, TimeProvider clock)
    : ICommandHandler<RedeliverEventCommand, Result<RedeliveryDetails>>
{
    public async ValueTask<Result<RedeliveryDetails>> Handle(RedeliverEventCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await events.FindEnvelopeAsync(command.ClientId, command.EventId, cancellationToken) is not { } stored)
        {
            return WebhookErrors.EventNotFound(command.EventId);
        }

        var now = clock.GetUtcNow();
        var existing = (await store.ListDeliveriesAsync(command.ClientId, command.EventId, cancellationToken)).ToDictionary(d => d.EndpointId);
        var endpoints = (await store.ListActiveEndpointsAsync(command.ClientId, cancellationToken))
            .Where(e => command.EndpointId is { } only ? e.Id == only : existing.ContainsKey(e.Id) || (existing.Count == 0 && e.Wants(stored.Type)))
            .ToList();
        if (command.EndpointId is { } wanted && endpoints.Count == 0)
        {
            return await store.FindEndpointAsync(command.ClientId, wanted, cancellationToken) is null
                ? WebhookErrors.EndpointNotFound(wanted)
                : WebhookErrors.EndpointDisabled(wanted);
        }

        foreach (var endpoint in endpoints)
        {
            if (existing.TryGetValue(endpoint.Id, out var delivery))
            {
                delivery.Restart(now);
            }
            else
            {
                store.Add(WebhookDelivery.For(Guid.CreateVersion7(), endpoint, stored.Id, stored.Type, stored.StreamId, stored.Sequence, stored.Body, now));
            }
        }

        await store.UnitOfWork.SaveChangesAsync(cancellationToken);
        return new RedeliveryDetails(stored.Id, [.. endpoints.Select(e => e.Id)]);
    }
}
