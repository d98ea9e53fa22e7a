using FluentValidation;
using Mediator;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Application.OperatorConsole.Ports;

namespace Shield.Application.OperatorConsole.ListAudit;

/// <summary>The audit log, newest first, filtered by person, action, object and dates, and paged.</summary>
public sealed record ListAuditEntriesQuery(AuditFilter Filter, int Page = 1, int PageSize = ListAuditEntriesQuery.DefaultPageSize) : IQuery<AuditPage>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

public sealed class ListAuditEntriesQueryHandler(IAuditLog log) : IQueryHandler<ListAuditEntriesQuery, AuditPage>
{
    public async ValueTask<AuditPage> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.Filter with { From = query.Filter.From?.ToUniversalTime(), To = query.Filter.To?.ToUniversalTime() };
        return await log.ListAsync(filter, query.Page, query.PageSize, cancellationToken);
    }
}

public sealed class ListAuditEntriesQueryValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 100_000).WithMessage("Pages start at 1.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListAuditEntriesQuery.MaxPageSize)
            .WithMessage($"The page size is from 1 to {ListAuditEntriesQuery.MaxPageSize}.");
        RuleFor(q => q.Filter.To).GreaterThanOrEqualTo(q => q.Filter.From)
            .When(q => q.Filter.From is not null && q.Filter.To is not null).WithMessage("The end date must not be before the start date.");
    }
}
