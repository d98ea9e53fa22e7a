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
/// the SQL reads what the answer maps from (the verification whole, as its <c>Matches</c> is computed in .NET), and
/// whether the payment has any refund (an EXISTS in the same statement: only then are its refunds read, by a second
/// query). Compiling skips EF's per-call parameter extraction and query cache lookup; projecting skips tracking and the
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
        Expression<Func<ShieldDbContext, Payment, bool>> hasRefunds = (db, p) => db.Refunds.Any(r => r.PaymentId == p.Id);

        var payment = projection.Parameters[0];
        var row = Expression.Lambda<Func<Payment, PaymentDetailsRow>>(
            Expression.New(typeof(PaymentDetailsRow).GetConstructor([typeof(PaymentDetails), typeof(bool)])!,
                projection.Body,
                new Replacer(hasRefunds.Parameters[1], payment).Visit(new Replacer(hasRefunds.Parameters[0], byId.Parameters[0]).Visit(hasRefunds.Body))),
            payment);
        var select = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Payment), typeof(PaymentDetailsRow)],
            byId.Body, Expression.Quote(row));
        Definition = Expression.Lambda<Func<ShieldDbContext, PaymentId, ClientId, IQueryable<PaymentDetailsRow>>>(select, byId.Parameters);
        Run = EF.CompileAsyncQuery(Definition);
    }

    /// <summary>The query <see cref="Run"/> compiles (tests translate it for each engine).</summary>
    public Expression<Func<ShieldDbContext, PaymentId, ClientId, IQueryable<PaymentDetailsRow>>> Definition { get; }

    /// <summary>The payment's details: one element, or none. (Not FirstOrDefault: SQLite runs that LIMIT 1 subquery slower.)</summary>
    public Func<ShieldDbContext, PaymentId, ClientId, IAsyncEnumerable<PaymentDetailsRow>> Run { get; }

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

/// <summary>One payment as GET reads it, and whether it has refunds to read.</summary>
internal sealed record PaymentDetailsRow(PaymentDetails Details, bool HasRefunds);
