using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>The payment one of whose attempts has this CheckoutRequestID (unique across all payments).</summary>
public sealed class PaymentByCheckoutRequestIdSpec : Specification<Payment>, ISingleResultSpecification<Payment>
{
    public PaymentByCheckoutRequestIdSpec(string checkoutRequestId)
    {
        CheckoutRequestId = checkoutRequestId;
        Query.Where(p => p.Attempts.Any(a => a.CheckoutRequestId == checkoutRequestId));
    }

    /// <summary>The attempt's id, for a store that can look the attempt up by its own index first.</summary>
    public string CheckoutRequestId { get; }
}
