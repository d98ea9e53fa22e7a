using Mediator;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.ListOperatorWebhookEndpoints;
using Shield.Application.Webhooks.ListWebhookDeliveries;
using Shield.Application.Webhooks.RecoverWebhookEndpoint;
using Shield.Application.Webhooks.RedeliverEvent;
using Shield.Domain.Common;

namespace Shield.WebApi.OperatorConsole.Pages.Webhooks;

/// <summary>Endpoints of every client, recent deliveries with each attempt's status code, and retry or recover.</summary>
public sealed class WebhooksModel(IMediator mediator, ConsoleActions actions) : ConsolePage
{
    public IReadOnlyList<OperatorWebhookEndpoint> Endpoints { get; private set; } = [];

    public OperatorWebhookDeliveryPage Deliveries { get; private set; } = new([], 1, 20, 0);

    public string? Client { get; private set; }

    public Guid? Endpoint { get; private set; }

    public Guid? Payment { get; private set; }

    public bool FailedOnly { get; private set; }

    public async Task OnGetAsync(string? client, Guid? endpoint, Guid? payment, bool failed = false, int page = 1)
    {
        (Client, Endpoint, Payment, FailedOnly) = (client, endpoint, payment, failed);
        var clientId = ClientOrNull(client);
        Endpoints = await mediator.Send(new ListOperatorWebhookEndpointsQuery(clientId), HttpContext.RequestAborted);
        Deliveries = await mediator.Send(new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(clientId, endpoint, payment, null, failed), Math.Max(1, page)),
            HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRedeliverAsync(string clientId, Guid eventId, Guid endpointId)
    {
        var outcome = await actions.RunAsync("webhook.redeliver", "event", eventId.ToString(),
            ct => mediator.Send(new RedeliverEventCommand(new ClientId(clientId), eventId, endpointId), ct));
        Say(outcome, "The event is being delivered again.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoverAsync(string clientId, Guid endpointId)
    {
        var outcome = await actions.RunAsync("webhook.recover", "webhook_endpoint", endpointId.ToString(),
            ct => mediator.Send(new RecoverWebhookEndpointCommand(new ClientId(clientId), endpointId, null), ct));
        Say(outcome, outcome.Value is { } recovery ? $"The endpoint is enabled; {recovery.Redelivering} deliveries are being sent again." : string.Empty);
        return RedirectToPage();
    }
}
