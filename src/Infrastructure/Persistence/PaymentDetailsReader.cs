using Mapster;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Specifications;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The query side: GET through its compiled projection, lists through the same mapping projected over a page; each
/// payment with its refunds (a second query, as the Refunds module's rows are its own).
/// </summary>
internal sealed class PaymentDetailsReader(ShieldDbContext db, PaymentDetailsProjection projection, TypeAdapterConfig mapping, RefundReader refunds)
    : IPaymentDetailsReader
{
    public Task<PaymentDetails?> FindAsync(ClientId clientId, PaymentId paymentId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
            await projection.Run(db, paymentId, clientId).FirstOrDefaultAsync(cancellationToken) is { } row
                ? WithRefunds(row.Details, row.HasRefunds ? await refunds.OfPaymentsAsync(clientId, [paymentId], cancellationToken) : None)
                : null);

    public Task<PaymentPage> ListAsync(ClientId clientId, PaymentFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var total = await SpecificationEvaluator.ApplyCriteria(db.Payments, new PaymentsForClientSpec(clientId, filter)).CountAsync(cancellationToken);
            var items = total == 0
                ? []
                : await SpecificationEvaluator.Apply(db.Payments, new PaymentsForClientSpec(clientId, filter, page, pageSize))
                    .ProjectToType<PaymentDetails>(mapping).ToListAsync(cancellationToken);
            var completed = items.Where(p => p.Status == PaymentStatus.Completed).Select(p => new PaymentId(p.Id)).ToList();
            var refunded = completed.Count == 0 ? None : await refunds.OfPaymentsAsync(clientId, completed, cancellationToken);
            return new PaymentPage([.. items.Select(p => WithRefunds(p, refunded))], page, pageSize, total);
        });

    /// <summary>No refunds (most payments): GET's query said so, and the list reads only its Completed payments' (only those can have any).</summary>
    private static readonly ILookup<Guid, RefundDetails> None = Array.Empty<RefundDetails>().ToLookup(r => r.PaymentId);

    private static PaymentDetails WithRefunds(PaymentDetails payment, ILookup<Guid, RefundDetails> refunds)
    {
        var own = refunds[payment.Id].ToList();
        return payment with { Refunds = own, RefundedAmount = own.Where(r => r.Status == Domain.Refunds.RefundStatus.Succeeded).Sum(r => r.Amount) };
    }
}
