using System.Linq.Expressions;

namespace Shield.Domain.Payments;

/// <summary>
/// When an attempt without an outcome is checked with STK Push Query, and when it gives up (Reconciliation:*):
/// the first query FirstQueryAfter the push was accepted, then with doubling backoff starting at Interval (never more
/// often than Interval, at most 8 × Interval apart); after ExpireAfter without an outcome the attempt expires.
/// This is the one home of these rules: the database's selection of due payments and the reconciler's decision both
/// ask it.
/// </summary>
public sealed record ReconciliationSchedule(TimeSpan FirstQueryAfter, TimeSpan Interval, TimeSpan ExpireAfter)
{
    public const int MaxBackoffFactor = 8;

    public static ReconciliationSchedule Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10));

    /// <summary>When the next query is due after the query number <paramref name="queriesSoFar"/> was made at <paramref name="now"/>.</summary>
    public DateTimeOffset NextQueryAfter(DateTimeOffset now, int queriesSoFar)
    {
        var factor = Math.Min(MaxBackoffFactor, 1 << Math.Clamp(queriesSoFar - 1, 0, 10));
        return now + (Interval * factor);
    }

    /// <summary>True when an attempt started at <paramref name="since"/> has waited long enough to be given up.</summary>
    public bool HasExpired(DateTimeOffset since, DateTimeOffset now) => now - since >= ExpireAfter;

    /// <summary>
    /// True when the attempt has no outcome and has waited past the expiry window: a push the customer had, from when
    /// Daraja accepted it; a push whose answer never came (Sending or Unknown), from when the attempt was created.
    /// </summary>
    public bool HasExpired(PaymentAttempt attempt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var since = attempt.Status == AttemptStatus.AwaitingCustomer ? attempt.SentAt ?? attempt.CreatedAt : attempt.CreatedAt;
        return !attempt.IsTerminal && HasExpired(since, now);
    }

    /// <summary>
    /// Which attempts need the reconciler at <paramref name="now"/>, whatever their payment's status (an attempt can still
    /// be in flight on a payment another attempt completed): awaiting the customer past its query time (FirstQueryAfter
    /// after the push, then its NextQueryAt) or past the expiry window; or stuck in Sending/Unknown (no CheckoutRequestID
    /// to query) past the expiry window. An expression, so that the database selects with exactly this rule (its instants
    /// are read from a closure, which EF Core sends as parameters).
    /// </summary>
    public Expression<Func<PaymentAttempt, bool>> IsDue(DateTimeOffset now)
    {
        var instants = Expression.Constant(Instants.At(now, this));
        var body = new Bind(Rule.Parameters[1], Expression.Property(instants, nameof(Instants.Now)),
                Rule.Parameters[2], Expression.Property(instants, nameof(Instants.FirstQueryCutoff)),
                Rule.Parameters[3], Expression.Property(instants, nameof(Instants.ExpiryCutoff)))
            .Visit(Rule.Body);
        return Expression.Lambda<Func<PaymentAttempt, bool>>(body, Rule.Parameters[0]);
    }

    /// <summary><see cref="IsDue"/> for one attempt in memory (the same rule, compiled once).</summary>
    public bool IsDueNow(PaymentAttempt attempt, DateTimeOffset now)
    {
        var instants = Instants.At(now, this);
        return CompiledRule(attempt, instants.Now, instants.FirstQueryCutoff, instants.ExpiryCutoff);
    }

    private static readonly Expression<Func<PaymentAttempt, DateTimeOffset, DateTimeOffset, DateTimeOffset, bool>> Rule =
        (a, now, firstQueryCutoff, expiryCutoff) => (a.Status == AttemptStatus.AwaitingCustomer
                && ((a.NextQueryAt == null && a.SentAt <= firstQueryCutoff) || a.NextQueryAt <= now || a.SentAt <= expiryCutoff))
            || ((a.Status == AttemptStatus.Sending || a.Status == AttemptStatus.Unknown) && a.CreatedAt <= expiryCutoff);

    private static readonly Func<PaymentAttempt, DateTimeOffset, DateTimeOffset, DateTimeOffset, bool> CompiledRule = Rule.Compile();

    /// <summary>The instants <see cref="Rule"/> compares with.</summary>
    private sealed record Instants(DateTimeOffset Now, DateTimeOffset FirstQueryCutoff, DateTimeOffset ExpiryCutoff)
    {
        public static Instants At(DateTimeOffset now, ReconciliationSchedule schedule) =>
            new(now, now - schedule.FirstQueryAfter, now - schedule.ExpireAfter);
    }

    /// <summary>Replaces the rule's instant parameters with reads of one <see cref="Instants"/>.</summary>
    private sealed class Bind(ParameterExpression now, Expression nowValue, ParameterExpression first, Expression firstValue,
        ParameterExpression expiry, Expression expiryValue) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == now ? nowValue : node == first ? firstValue : node == expiry ? expiryValue : node;
    }
}
