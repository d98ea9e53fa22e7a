using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.RecoverWebhookEndpoint;

/// <summary>
/// The receiver is back: the endpoint is enabled again, every delivery to it that failed for events since
/// <paramref name="Since"/> is sent again now, and those still being retried are sent now too, in each payment's event order.
/// </summary>
public sealed record RecoverWebhookEndpointCommand(ClientId ClientId, Guid Id, DateTimeOffset? Since) : ICommand<Result<RecoveryDetails>>;

/// <summary>How many failed deliveries are sent again.</summary>
public sealed record RecoveryDetails(Guid EndpointId, int Redelivering);

public sealed class RecoverWebhookEndpointCommandHandler(IWebhookStore store, TimeProvider clock) : ICommandHandler<RecoverWebhookEndpointCommand, Result<RecoveryDetails>>
{
    public async ValueTask<Result<RecoveryDetails>> Handle(RecoverWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await store.FindEndpointAsync(command.ClientId, command.Id, cancellationToken) is not { } endpoint)
        {
            return WebhookErrors.EndpointNotFound(command.Id);
        }

        var now = clock.GetUtcNow();
        endpoint.Enable(now);
        var failed = await store.ListFailedDeliveriesAsync(endpoint.Id, command.Since!.Value.ToUniversalTime(), cancellationToken);
        foreach (var delivery in failed)
        {
            delivery.Restart(now);
        }

        // Those still being retried go now too, rather than on their schedule (up to hours away).
        foreach (var waiting in await store.ListPendingDeliveriesAsync(endpoint.Id, cancellationToken))
        {
            waiting.Restart(now);
        }

        await store.UnitOfWork.SaveChangesAsync(cancellationToken);
        return new RecoveryDetails(endpoint.Id, failed.Count);
    }
}
