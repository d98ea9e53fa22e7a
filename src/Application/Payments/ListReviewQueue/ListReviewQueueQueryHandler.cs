using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ListReviewQueue;

public sealed class ListReviewQueueQueryHandler(IPaymentOperatorReader reader) : IQueryHandler<ListReviewQueueQuery, ReviewQueuePage>
{
    public async ValueTask<ReviewQueuePage> Handle(ListReviewQueueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var reason = string.IsNullOrEmpty(query.Reason) ? null : ReviewReason.FromCode(query.Reason);
        return await reader.ListReviewQueueAsync(reason, query.Page, query.PageSize, cancellationToken);
    }
}
