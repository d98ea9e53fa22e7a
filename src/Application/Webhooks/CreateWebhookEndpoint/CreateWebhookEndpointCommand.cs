using Mediator;
using Shield.Application.Webhooks.Contracts;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.CreateWebhookEndpoint;

/// <summary>A client registers where its events are posted: all types, or those listed.</summary>
public sealed record CreateWebhookEndpointCommand(ClientId ClientId, string? Url, IReadOnlyList<string>? EventTypes, string? Description)
    : ICommand<Result<WebhookEndpointSecret>>;
