using FluentValidation;

namespace Shield.Application.Refunds.Common;

/// <summary>What a list of refunds is asked by: a page of a given size, and creation dates.</summary>
public interface IRefundListQuery
{
    int Page { get; }

    int PageSize { get; }

    DateTimeOffset? CreatedFrom { get; }

    DateTimeOffset? CreatedTo { get; }
}

/// <summary>The rules every list of refunds keeps (the client's, and the operators' of every client).</summary>
public abstract class RefundListValidator<T> : AbstractValidator<T>
    where T : IRefundListQuery
{
    protected RefundListValidator(int maxPageSize)
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages start at 1.");
        RuleFor(q => q.Page).Must((q, page) => (long)(page - 1) * q.PageSize <= int.MaxValue)
            .WithMessage(q => $"This page is beyond any list: with pageSize {q.PageSize}, page is at most {(int.MaxValue / q.PageSize) + 1}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, maxPageSize).WithMessage($"The page size is from 1 to {maxPageSize}.");
        RuleFor(q => q.CreatedTo).GreaterThanOrEqualTo(q => q.CreatedFrom)
            .When(q => q.CreatedFrom is not null && q.CreatedTo is not null)
            .WithMessage("createdTo must not be before createdFrom.");
    }
}
