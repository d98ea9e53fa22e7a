using Mediator;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.GetPaymentStats;

/// <summary>
/// The Overview's figures (<see cref="PaymentStats"/>) for the payments created in [<paramref name="From"/>,
/// <paramref name="To"/>), across every client, with days at <paramref name="UtcOffset"/> (East Africa Time, +03:00, when null).
/// </summary>
public sealed record GetPaymentStatsQuery(DateTimeOffset From, DateTimeOffset To, TimeSpan? UtcOffset = null) : IQuery<PaymentStats>
{
    /// <summary>The longest range, in days: a quarter.</summary>
    public const int MaxDays = 93;
}
