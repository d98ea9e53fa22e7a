using Mediator;
using Shield.Application.Webhooks.Common;
using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Webhooks.StreamPaymentEvents;

/// <summary>
/// A payment's events after the last one a live stream sent (<paramref name="AfterEventId"/>, its Last-Event-ID), read
/// from the stored events, so any instance can serve the stream. Another client's payment is not found.
/// </summary>
public sealed record ListPaymentEventsQuery(ClientId ClientId, Guid PaymentId, Guid? AfterEventId) : IQuery<Result<IReadOnlyList<StreamedEvent>>>;

public sealed class ListPaymentEventsQueryHandler(IEventLog events) : IQueryHandler<ListPaymentEventsQuery, Result<IReadOnlyList<StreamedEvent>>>
{
    public async ValueTask<Result<IReadOnlyList<StreamedEvent>>> Handle(ListPaymentEventsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await events.ListPaymentEventsAsync(query.ClientId, query.PaymentId, query.AfterEventId, cancellationToken) is { } found
            ? Result.Success(found)
            : WebhookErrors.PaymentNotFound(query.PaymentId);
    }
}
