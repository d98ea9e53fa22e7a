using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentDetailsReader(ShieldDbContext db, PaymentDetailsQuery query) : IPaymentDetailsReader
{
    public Task<PaymentDetails?> FindAsync(ClientId clientId, PaymentId paymentId, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            await foreach (var details in query.Run(db, paymentId, clientId).WithCancellation(cancellationToken))
            {
                return details;
            }

            return null;
        });
}
