using FluentValidation;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ListPayments;

public sealed class ListPaymentsQueryValidator : AbstractValidator<ListPaymentsQuery>
{
    public ListPaymentsQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages start at 1.");
        // The rows skipped, (page - 1) * pageSize, are an int down to the database: a page past that would wrap around.
        RuleFor(q => q.Page).Must((q, page) => (long)(page - 1) * q.PageSize <= int.MaxValue)
            .WithMessage(q => $"This page is beyond any list: with pageSize {q.PageSize}, page is at most {(int.MaxValue / q.PageSize) + 1}.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListPaymentsQuery.MaxPageSize)
            .WithMessage($"The page size is from 1 to {ListPaymentsQuery.MaxPageSize}.");
        RuleFor(q => q.PhoneNumber).Must(p => p is null || Msisdn.IsValid(p))
            .WithMessage("Use a Safaricom number such as 0712345678 or 254712345678.");
        RuleFor(q => q.AccountReference).Must(r => r is null || AccountReference.IsValid(r))
            .WithMessage($"The account reference is 1 to {AccountReference.MaxLength} letters, digits, spaces or dashes.");
        RuleFor(q => q.CreatedTo).GreaterThanOrEqualTo(q => q.CreatedFrom)
            .When(q => q.CreatedFrom is not null && q.CreatedTo is not null)
            .WithMessage("createdTo must not be before createdFrom.");
    }
}
