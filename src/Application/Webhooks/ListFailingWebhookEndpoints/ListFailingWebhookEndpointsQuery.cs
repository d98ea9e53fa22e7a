using Mediator;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.Ports;

namespace Shield.Application.Webhooks.ListFailingWebhookEndpoints;

/// <summary>
/// For the operators' overview: the endpoints of every client that are failing, that is disabled (410 Gone, or failing
/// for Webhooks:DisableAfter) or whose last attempt failed (failing since a time, not yet answered since), most
/// failures first.
/// </summary>
public sealed record ListFailingWebhookEndpointsQuery : IQuery<IReadOnlyList<OperatorWebhookEndpoint>>;

public sealed class ListFailingWebhookEndpointsQueryHandler(IWebhookOperatorReader reader, TimeProvider clock)
    : IQueryHandler<ListFailingWebhookEndpointsQuery, IReadOnlyList<OperatorWebhookEndpoint>>
{
    public async ValueTask<IReadOnlyList<OperatorWebhookEndpoint>> Handle(ListFailingWebhookEndpointsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var failing = await reader.ListEndpointsAsync(null, failingOnly: true, clock.GetUtcNow(), cancellationToken);
        return [.. failing.OrderByDescending(e => e.Disabled).ThenByDescending(e => e.ConsecutiveFailures).ThenBy(e => e.FailingSince ?? e.DisabledAt)];
    }
}
