using Mapster;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

/// <summary>The query side: GET through its compiled projection, lists through the same mapping projected over a page.</summary>
internal sealed class PaymentDetailsReader(ShieldDbContext db, PaymentDetailsProjection projection, TypeAdapterConfig mapping) : IPaymentDetailsReader
{
    public Task<PaymentDetails?> FindAsync(ClientId clientId, PaymentId paymentId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => await projection.Run(db, paymentId, clientId).FirstOrDefaultAsync(cancellationToken));

    public Task<PaymentPage> ListAsync(ClientId clientId, PaymentFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            var total = await SpecificationEvaluator.ApplyCriteria(db.Payments, new PaymentsForClientSpec(clientId, filter)).CountAsync(cancellationToken);
            var items = total == 0
                ? []
                : await SpecificationEvaluator.Apply(db.Payments, new PaymentsForClientSpec(clientId, filter, page, pageSize))
                    .ProjectToType<PaymentDetails>(mapping).ToListAsync(cancellationToken);
            return new PaymentPage(items, page, pageSize, total);
        });
}
