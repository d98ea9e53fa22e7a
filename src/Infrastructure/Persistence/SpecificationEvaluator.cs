using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// Turns an Ardalis specification into an EF Core query. Ardalis.Specification.EntityFrameworkCore is not available
/// here, so this composes the core package's Where/Order/Paging evaluators and adds what EF needs by hand.
/// </summary>
internal static class SpecificationEvaluator
{
    public static IQueryable<T> Apply<T>(IQueryable<T> source, ISpecification<T> specification)
        where T : class
    {
        var query = specification.AsNoTracking ? source.AsNoTracking() : source;
        query = WhereEvaluator.Instance.GetQuery(query, specification);
        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }

    /// <summary>Only the criteria (Where), for counting: no ordering, no paging.</summary>
    public static IQueryable<T> ApplyCriteria<T>(IQueryable<T> source, ISpecification<T> specification)
        where T : class => WhereEvaluator.Instance.GetQuery(source.AsNoTracking(), specification);
}
