using FluentValidation;
using Shield.Application.Payments.Common;

namespace Shield.Application.Payments.ListInboundCallbacks;

public sealed class ListInboundCallbacksQueryValidator : PagedQueryValidator<ListInboundCallbacksQuery>
{
    public ListInboundCallbacksQueryValidator()
    {
        RuleForEach(q => q.Outcomes).IsInEnum();
        RuleFor(q => q.Kind).IsInEnum();
    }
}
