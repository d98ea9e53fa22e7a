using FluentValidation;
using Shield.Application.Payments.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ListReviewQueue;

public sealed class ListReviewQueueQueryValidator : PagedQueryValidator<ListReviewQueueQuery>
{
    public ListReviewQueueQueryValidator() =>
        RuleFor(q => q.Reason).Must(r => string.IsNullOrEmpty(r) || ReviewReason.All.Any(known => known.Code == r))
            .WithMessage($"reason is one of {string.Join(", ", ReviewReason.All.Select(r => r.Code))}.");
}
