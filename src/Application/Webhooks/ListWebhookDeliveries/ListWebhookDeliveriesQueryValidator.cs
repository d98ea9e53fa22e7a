using FluentValidation;

namespace Shield.Application.Webhooks.ListWebhookDeliveries;

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator()
    {
        RuleFor(q => q.Filter).NotNull();
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000).WithMessage("page is a whole number from 1 to 1000000.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListWebhookDeliveriesQuery.MaxPageSize)
            .WithMessage($"pageSize is a whole number from 1 to {ListWebhookDeliveriesQuery.MaxPageSize}.");
    }
}
