using Mediator;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.GetReconcilerStatus;

/// <summary>For operators: the reconciler's last pass in this instance; null before its first (or when it is disabled here).</summary>
public sealed record GetReconcilerStatusQuery : IQuery<ReconcilerStatus?>;

public sealed class GetReconcilerStatusQueryHandler(IReconcilerStatus status) : IQueryHandler<GetReconcilerStatusQuery, ReconcilerStatus?>
{
    public ValueTask<ReconcilerStatus?> Handle(GetReconcilerStatusQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(status.Last);
}
