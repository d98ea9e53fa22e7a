using FluentValidation;
using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ListRefundRecords;

/// <summary>
/// Refunds of every client (or of <paramref name="ClientId"/>), newest first, as operators see them (the console):
/// filtered by payment, status (AwaitingApproval for the approval queue), creation dates, and paged.
/// </summary>
public sealed record ListRefundRecordsQuery(ClientId? ClientId, Guid? PaymentId, RefundStatus? Status, DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo, int Page = 1, int PageSize = ListRefundRecordsQuery.DefaultPageSize) : IQuery<RefundRecordPage>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListRefundRecordsQueryHandler(IRefundReader reader) : IQueryHandler<ListRefundRecordsQuery, RefundRecordPage>
{
    public async ValueTask<RefundRecordPage> Handle(ListRefundRecordsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await reader.ListRecordsAsync(query.ClientId,
            new RefundFilter(query.PaymentId, query.Status, query.CreatedFrom?.ToUniversalTime(), query.CreatedTo?.ToUniversalTime()), query.Page,
            query.PageSize, cancellationToken);
    }
}

public sealed class ListRefundRecordsQueryValidator : AbstractValidator<ListRefundRecordsQuery>
{
    public ListRefundRecordsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages start at 1.");
        RuleFor(q => q.Page).Must((q, page) => (long)(page - 1) * q.PageSize <= int.MaxValue)
            .WithMessage(q => $"This page is beyond any list: with pageSize {q.PageSize}, page is at most {(int.MaxValue / q.PageSize) + 1}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListRefundRecordsQuery.MaxPageSize).WithMessage($"The page size is from 1 to {ListRefundRecordsQuery.MaxPageSize}.");
        RuleFor(q => q.CreatedTo).GreaterThanOrEqualTo(q => q.CreatedFrom)
            .When(q => q.CreatedFrom is not null && q.CreatedTo is not null)
            .WithMessage("createdTo must not be before createdFrom.");
    }
}
