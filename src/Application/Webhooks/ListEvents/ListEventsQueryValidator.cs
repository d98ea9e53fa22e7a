using FluentValidation;
using Shield.Application.Webhooks.Common;

namespace Shield.Application.Webhooks.ListEvents;

public sealed class ListEventsQueryValidator : AbstractValidator<ListEventsQuery>
{
    public ListEventsQueryValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000).WithMessage("page is a whole number from 1 to 1000000.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListEventsQuery.MaxPageSize)
            .WithMessage($"pageSize is a whole number from 1 to {ListEventsQuery.MaxPageSize}.");
        RuleFor(q => q.Filter.Type).Must(t => t is null || PublishedEventTypes.All.Contains(t))
            .WithMessage($"type is one of: {string.Join(", ", PublishedEventTypes.All)}.").OverridePropertyName("type");
        RuleFor(q => q.Filter).Must(f => f.CreatedFrom is null || f.CreatedTo is null || f.CreatedFrom <= f.CreatedTo)
            .WithMessage("createdFrom is not after createdTo.").OverridePropertyName("createdFrom");
    }
}
