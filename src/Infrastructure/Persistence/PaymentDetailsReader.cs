using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentDetailsReader(ShieldDbContext db, PaymentDetailsProjection projection) : IPaymentDetailsReader
{
    public Task<PaymentDetails?> FindAsync(ClientId clientId, PaymentId paymentId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () => await projection.Run(db, paymentId, clientId).FirstOrDefaultAsync(cancellationToken));
}
