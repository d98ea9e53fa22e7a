using FluentValidation;
using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ListRefunds;

/// <summary>The client's refunds, newest first, filtered (payment, status, creation dates) and paged.</summary>
public sealed record ListRefundsQuery(ClientId ClientId, Guid? PaymentId, RefundStatus? Status, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo,
    int Page = 1, int PageSize = ListRefundsQuery.DefaultPageSize) : IQuery<RefundPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListRefundsQueryHandler(IRefundReader reader) : IQueryHandler<ListRefundsQuery, RefundPage>
{
    public async ValueTask<RefundPage> Handle(ListRefundsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListAsync(query.ClientId,
            new RefundFilter(query.PaymentId, query.Status, query.CreatedFrom?.ToUniversalTime(), query.CreatedTo?.ToUniversalTime()), query.Page,
            query.PageSize, cancellationToken);
    }
}

public sealed class ListRefundsQueryValidator : AbstractValidator<ListRefundsQuery>
{
    public ListRefundsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages start at 1.");
        RuleFor(q => q.Page).Must((q, page) => (long)(page - 1) * q.PageSize <= int.MaxValue)
            .WithMessage(q => $"This page is beyond any list: with pageSize {q.PageSize}, page is at most {(int.MaxValue / q.PageSize) + 1}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListRefundsQuery.MaxPageSize).WithMessage($"The page size is from 1 to {ListRefundsQuery.MaxPageSize}.");
        RuleFor(q => q.CreatedTo).GreaterThanOrEqualTo(q => q.CreatedFrom)
            .When(q => q.CreatedFrom is not null && q.CreatedTo is not null)
            .WithMessage("createdTo must not be before createdFrom.");
    }
}
