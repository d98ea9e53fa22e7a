using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>One payment of one client: another client's payment is not found.</summary>
public sealed class PaymentByIdSpec : Specification<Payment>, ISingleResultSpecification<Payment>
{
    public PaymentByIdSpec(PaymentId id, ClientId clientId, bool forUpdate = false)
    {
        Query.Where(p => p.Id == id && p.ClientId == clientId);
        if (!forUpdate)
        {
            Query.AsNoTracking();
        }
    }
}
