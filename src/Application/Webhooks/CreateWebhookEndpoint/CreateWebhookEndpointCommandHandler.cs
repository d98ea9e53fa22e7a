using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.CreateWebhookEndpoint;

/// <summary>Checks the URL (where it may point), makes the secret, stores the endpoint, and shows the secret this once.</summary>
public sealed class CreateWebhookEndpointCommandHandler(
    IWebhookStore store,
    IWebhookUrlRules urls,
    IWebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider clock) : ICommandHandler<CreateWebhookEndpointCommand, Result<WebhookEndpointSecret>>
{
    public async ValueTask<Result<WebhookEndpointSecret>> Handle(CreateWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var url = await urls.CheckAsync(command.Url!, cancellationToken);
        if (url.IsFailure)
        {
            return url.Error!;
        }

        if ((await store.ListEndpointsAsync(command.ClientId, cancellationToken)).Count >= options.Value.MaxEndpointsPerClient)
        {
            return WebhookErrors.TooManyEndpoints(options.Value.MaxEndpointsPerClient);
        }

        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), command.ClientId, url.Value, command.EventTypes ?? [], command.Description,
            secrets.New(), clock.GetUtcNow());
        store.Add(endpoint);
        await store.UnitOfWork.SaveChangesAsync(cancellationToken);
        return endpoint.WithSecret();
    }
}
