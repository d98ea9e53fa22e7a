using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.DeleteWebhookEndpoint;

/// <summary>Stops posting to an endpoint and forgets it (its deliveries' history stays in the events API).</summary>
public sealed record DeleteWebhookEndpointCommand(ClientId ClientId, Guid Id) : ICommand<Result>;

public sealed class DeleteWebhookEndpointCommandHandler(IWebhookStore store, TimeProvider clock) : ICommandHandler<DeleteWebhookEndpointCommand, Result>
{
    public async ValueTask<Result> Handle(DeleteWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await store.FindEndpointAsync(command.ClientId, command.Id, cancellationToken) is not { } endpoint)
        {
            return WebhookErrors.EndpointNotFound(command.Id);
        }

        endpoint.Delete(clock.GetUtcNow());
        await store.UnitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
