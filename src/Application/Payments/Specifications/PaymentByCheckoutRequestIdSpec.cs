using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>The payment one of whose attempts has this CheckoutRequestID (unique across all payments).</summary>
public sealed class PaymentByCheckoutRequestIdSpec : Specification<Payment>, ISingleResultSpecification<Payment>
{
    public PaymentByCheckoutRequestIdSpec(string checkoutRequestId) =>
        Query.Where(p => p.Attempts.Any(a => a.CheckoutRequestId == checkoutRequestId));
}
