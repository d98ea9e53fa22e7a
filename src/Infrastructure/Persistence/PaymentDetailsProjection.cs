using System.Linq.Expressions;
using Mapster;
using Mapster.Models;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// GET's query, compiled once: a no-tracking read of one client's payment, projected to <see cref="PaymentDetails"/>
/// by the same Mapster mapping the commands use (<see cref="PaymentDetailsMapping"/>, turned into an expression), so
/// the SQL reads what the answer maps from (the verification whole, as its <c>Matches</c> is computed in .NET).
/// Compiling skips EF's per-call parameter extraction and query cache lookup; projecting skips tracking and the
/// aggregate's collections and methods (value objects are still parsed). docs/performance.md has what it saved.
/// </summary>
internal sealed class PaymentDetailsProjection
{
    public PaymentDetailsProjection(TypeAdapterConfig mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var projection = mapping.CreateMapExpression(new TypeTuple(typeof(Payment), typeof(PaymentDetails)), MapType.Projection);
        Expression<Func<ShieldDbContext, PaymentId, ClientId, IQueryable<Payment>>> byId =
            (db, id, clientId) => db.Payments.AsNoTracking().Where(p => p.Id == id && p.ClientId == clientId);
        var select = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Payment), typeof(PaymentDetails)],
            byId.Body, Expression.Quote(projection));
        Definition = Expression.Lambda<Func<ShieldDbContext, PaymentId, ClientId, IQueryable<PaymentDetails>>>(select, byId.Parameters);
        Run = EF.CompileAsyncQuery(Definition);
    }

    /// <summary>The query <see cref="Run"/> compiles (tests translate it for each engine).</summary>
    public Expression<Func<ShieldDbContext, PaymentId, ClientId, IQueryable<PaymentDetails>>> Definition { get; }

    /// <summary>The payment's details: one element, or none. (Not FirstOrDefault: SQLite runs that LIMIT 1 subquery slower.)</summary>
    public Func<ShieldDbContext, PaymentId, ClientId, IAsyncEnumerable<PaymentDetails>> Run { get; }
}
