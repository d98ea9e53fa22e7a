using FluentValidation;
using Shield.Application.Payments.Common;

namespace Shield.Application.Payments.SearchPayments;

public sealed class SearchPaymentsQueryValidator : PagedQueryValidator<SearchPaymentsQuery>
{
    public SearchPaymentsQueryValidator() =>
        RuleFor(q => q.Criteria).NotNull().SetValidator(new PaymentSearchCriteriaValidator());
}
