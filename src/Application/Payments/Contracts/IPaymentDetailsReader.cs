using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// Published to other modules (Refunds reads the payment it refunds). The query side: what a client sees, read straight from storage as <see cref="PaymentDetails"/> (the mapping the
/// commands use, as a projection), without loading aggregates. Commands load aggregates through <see cref="Ports.IPaymentRepository"/>.
/// </summary>
public interface IPaymentDetailsReader
{
    /// <summary>The client's payment with its attempts, or null when there is none (or it is another client's).</summary>
    Task<PaymentDetails?> FindAsync(ClientId clientId, PaymentId paymentId, CancellationToken cancellationToken);

    /// <summary>One page of the client's payments matching <paramref name="filter"/>, newest first, and how many match.</summary>
    Task<PaymentPage> ListAsync(ClientId clientId, PaymentFilter filter, int page, int pageSize, CancellationToken cancellationToken);
}
