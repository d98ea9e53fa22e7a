using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;

namespace Shield.Application.Payments.GetPaymentStats;

/// <summary>
/// Two aggregate queries (the range's payments counted by day, status and failure code; the Pending ones by age),
/// summed by <see cref="PaymentStatistics"/>: the database returns a few dozen rows, whatever the number of payments.
/// </summary>
public sealed class GetPaymentStatsQueryHandler(IPaymentOperatorReader reader, TimeProvider clock) : IQueryHandler<GetPaymentStatsQuery, PaymentStats>
{
    public async ValueTask<PaymentStats> Handle(GetPaymentStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var offset = query.UtcOffset ?? PaymentStatistics.EastAfricaTime;
        var tallies = await reader.TallyAsync(PaymentStatistics.DayBoundaries(query.From, query.To, offset), cancellationToken);
        var now = clock.GetUtcNow();
        var pending = await reader.CountPendingAsync([.. PaymentStatistics.AgeLimits.Select(limit => now - limit)], cancellationToken);
        return PaymentStatistics.Summarize(query.From, query.To, offset, tallies, pending);
    }
}
