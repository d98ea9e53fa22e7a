using FluentValidation;

namespace Shield.Application.Payments.Common;

/// <summary>A query of the operators' lists, paged: pages from 1, at most <see cref="OperatorPaging.MaxPageSize"/> rows.</summary>
public interface IPagedQuery
{
    int Page { get; }

    int PageSize { get; }
}

/// <summary>The page sizes of the operators' lists.</summary>
public static class OperatorPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
}

/// <summary>The paging rules every operator list shares; a list's validator adds its own.</summary>
public abstract class PagedQueryValidator<T> : AbstractValidator<T>
    where T : IPagedQuery
{
    protected PagedQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages start at 1.");
        // The rows skipped, (page - 1) * pageSize, are an int down to the database: a page past that would wrap around.
        RuleFor(q => q.Page).Must((q, page) => (long)(page - 1) * q.PageSize <= int.MaxValue)
            .When(q => q.PageSize > 0)
            .WithMessage("This page is beyond any list.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, OperatorPaging.MaxPageSize)
            .WithMessage($"The page size is from 1 to {OperatorPaging.MaxPageSize}.");
    }
}
