using Mediator;
using Shield.Application.Common.Callbacks;

namespace Shield.Application.Payments.ListInboundCallbacks;

public sealed class ListInboundCallbacksQueryHandler(ICallbackInboxReader reader) : IQueryHandler<ListInboundCallbacksQuery, InboundCallbackPage>
{
    public async ValueTask<InboundCallbackPage> Handle(ListInboundCallbacksQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var outcomes = query.Outcomes is { Count: > 0 } chosen ? chosen.Distinct().ToList() : [.. ListInboundCallbacksQuery.DefaultOutcomes];
        return await reader.ListAsync(outcomes, query.Kind, query.Page, query.PageSize, cancellationToken);
    }
}
