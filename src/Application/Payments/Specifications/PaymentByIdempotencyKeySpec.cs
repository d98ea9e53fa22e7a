using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>The client's payment created with this Idempotency-Key.</summary>
public sealed class PaymentByIdempotencyKeySpec : Specification<Payment>, ISingleResultSpecification<Payment>
{
    public PaymentByIdempotencyKeySpec(ClientId clientId, string idempotencyKey) =>
        Query.Where(p => p.ClientId == clientId && p.IdempotencyKey == idempotencyKey).AsNoTracking();
}
