using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>
/// Every client's payments matching an operator's search, newest first; paged when a page is given. The receipt
/// matches the payment's or any attempt's (a success that did not fit the payment keeps its receipt on the attempt only).
/// </summary>
public sealed class PaymentSearchSpec : Specification<Payment>
{
    public PaymentSearchSpec(PaymentSearch search, int? page = null, int? pageSize = null)
    {
        ArgumentNullException.ThrowIfNull(search);
        Query.AsNoTracking();

        if (search.PaymentId is { } id)
        {
            Query.Where(p => p.Id == id);
        }

        if (search.ClientId is { } clientId)
        {
            Query.Where(p => p.ClientId == clientId);
        }

        if (search.Status is { } status)
        {
            Query.Where(p => p.Status == status);
        }

        if (search.PhoneNumber is { } phone)
        {
            Query.Where(p => p.PhoneNumber == phone);
        }

        if (search.ReceiptNumber is { } receipt)
        {
            Query.Where(p => p.MpesaReceiptNumber == receipt || p.Attempts.Any(a => a.ReceiptNumber == receipt));
        }

        if (search.AccountReference is { } reference)
        {
            Query.Where(p => p.AccountReference == reference);
        }

        if (search.CreatedFrom is { } from)
        {
            Query.Where(p => p.CreatedAt >= from);
        }

        if (search.CreatedTo is { } to)
        {
            Query.Where(p => p.CreatedAt <= to);
        }

        Query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);

        if (page is { } number && pageSize is { } size)
        {
            Query.Skip((number - 1) * size).Take(size);
        }
    }
}
