using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ListPayments;

/// <summary>The client's payments, newest first, filtered and paged. The phone number may be in any accepted format.</summary>
public sealed record ListPaymentsQuery(ClientId ClientId, PaymentStatus? Status, string? PhoneNumber, string? AccountReference,
    DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo, int Page = 1, int PageSize = ListPaymentsQuery.DefaultPageSize)
    : IQuery<PaymentPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
