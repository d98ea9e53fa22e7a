using Ardalis.Specification;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>A client's payments matching a filter, newest first; paged when a page is given.</summary>
public sealed class PaymentsForClientSpec : Specification<Payment>
{
    public PaymentsForClientSpec(ClientId clientId, PaymentFilter filter, int? page = null, int? pageSize = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Query.Where(p => p.ClientId == clientId).AsNoTracking();

        if (filter.Status is { } status)
        {
            Query.Where(p => p.Status == status);
        }

        if (filter.PhoneNumber is { } phone)
        {
            Query.Where(p => p.PhoneNumber == phone);
        }

        if (filter.AccountReference is { } reference)
        {
            Query.Where(p => p.AccountReference == reference);
        }

        if (filter.CreatedFrom is { } from)
        {
            Query.Where(p => p.CreatedAt >= from);
        }

        if (filter.CreatedTo is { } to)
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
