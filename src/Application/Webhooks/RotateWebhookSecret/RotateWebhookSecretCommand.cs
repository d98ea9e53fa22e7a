using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.RotateWebhookSecret;

/// <summary>A new signing secret, shown this once; the old one keeps signing beside it for Webhooks:SecretRotationGrace.</summary>
public sealed record RotateWebhookSecretCommand(ClientId ClientId, Guid Id) : ICommand<Result<WebhookEndpointSecret>>;

public sealed class RotateWebhookSecretCommandHandler(IWebhookStore store, IWebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, Result<WebhookEndpointSecret>>
{
    public async ValueTask<Result<WebhookEndpointSecret>> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await store.FindEndpointAsync(command.ClientId, command.Id, cancellationToken) is not { } endpoint)
        {
            return WebhookErrors.EndpointNotFound(command.Id);
        }

        endpoint.RotateSecret(secrets.New(), options.Value.SecretRotationGrace, clock.GetUtcNow());
        await store.UnitOfWork.SaveChangesAsync(cancellationToken);
        return endpoint.WithSecret();
    }
}
