using Mediator;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;

namespace Shield.Application.Webhooks.ListWebhookDeliveries;

/// <summary>
/// For operators: webhook deliveries of every client, newest first, filtered by client, endpoint, payment (a payment's
/// own events and its refunds'), event, or only those given up; each with every attempt and its status code.
/// </summary>
public sealed record ListWebhookDeliveriesQuery(WebhookDeliveryFilter Filter, int Page = 1, int PageSize = ListWebhookDeliveriesQuery.DefaultPageSize)
    : IQuery<OperatorWebhookDeliveryPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListWebhookDeliveriesQueryHandler(IWebhookOperatorReader reader) : IQueryHandler<ListWebhookDeliveriesQuery, OperatorWebhookDeliveryPage>
{
    public async ValueTask<OperatorWebhookDeliveryPage> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListDeliveriesAsync(query.Filter, query.Page, query.PageSize, cancellationToken);
    }
}
