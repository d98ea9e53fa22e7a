using Shield.Application.Payments.GetPayment;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>
/// The query side of one payment: reads what a client sees straight from storage, without loading the aggregate.
/// Commands load aggregates through <see cref="IPaymentRepository"/>; this port only reads.
/// </summary>
public interface IPaymentDetailsReader
{
    /// <summary>The client's payment with its attempts, or null when there is none (or it is another client's).</summary>
    Task<PaymentDetails?> FindAsync(ClientId clientId, PaymentId paymentId, CancellationToken cancellationToken);
}
