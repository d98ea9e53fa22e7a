using Ardalis.Specification;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>The client's payment made with this Idempotency-Key (unique per client).</summary>
public sealed class PaymentByIdempotencyKeySpec : SingleResultSpecification<Payment>
{
    public PaymentByIdempotencyKeySpec(ClientId clientId, string idempotencyKey) =>
        Query.Where(p => p.ClientId == clientId && p.IdempotencyKey == idempotencyKey).AsNoTracking();
}
