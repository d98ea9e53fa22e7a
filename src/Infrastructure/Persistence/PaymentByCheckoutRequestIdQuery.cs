using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// A callback's lookup: the payment whose attempt has the CheckoutRequestID, tracked, because the callback changes it.
/// Generically, <c>Attempts.Any(...)</c> is a correlated EXISTS, which SQLite answers by scanning every payment (0.4 ms
/// at 3,000 payments, growing with the table; docs/performance.md). Selecting the attempt's payment id first, as an
/// uncorrelated IN, uses the CheckoutRequestId index on every engine. It runs compiled, as the hottest command-side
/// read. A singleton, not a static: a compiled query refuses a second EF model, and one process can host several.
/// </summary>
internal sealed class PaymentByCheckoutRequestIdQuery
{
    private static readonly Expression<Func<ShieldDbContext, string, IQueryable<Payment>>> Definition =
        (context, checkoutRequestId) => context.Payments.AsTracking().Where(p => context.Payments
            .SelectMany(other => other.Attempts)
            .Where(a => a.CheckoutRequestId == checkoutRequestId)
            .Select(a => EF.Property<PaymentId>(a, "PaymentId"))
            .Contains(p.Id));

    private static readonly Func<ShieldDbContext, string, IQueryable<Payment>> Uncompiled = Definition.Compile();

    private readonly Func<ShieldDbContext, string, IAsyncEnumerable<Payment>> _compiled = EF.CompileAsyncQuery(Definition);

    /// <summary>The payment, or null.</summary>
    public async Task<Payment?> FindAsync(ShieldDbContext db, string checkoutRequestId, CancellationToken cancellationToken) =>
        await _compiled(db, checkoutRequestId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The same query, not compiled: what tests read the SQL and the plan of (the compiled one translates alike).</summary>
    public static IQueryable<Payment> AsQueryable(ShieldDbContext db, string checkoutRequestId) => Uncompiled(db, checkoutRequestId);
}
