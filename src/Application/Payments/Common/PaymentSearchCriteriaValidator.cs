using FluentValidation;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>What an operator's payment search accepts (blank fields are no filter): the search and its CSV export share it.</summary>
public sealed class PaymentSearchCriteriaValidator : AbstractValidator<PaymentSearchCriteria>
{
    public const int MaxReceiptLength = 32;

    public PaymentSearchCriteriaValidator()
    {
        RuleFor(c => c.PhoneNumber).Must(p => PaymentSearch.Blank(p) || Msisdn.IsValid(p))
            .WithMessage("Use a Safaricom number such as 0712345678, 712345678, 254712345678 or +254712345678.");
        RuleFor(c => c.ReceiptNumber).Must(r => PaymentSearch.Blank(r) || r!.Trim() is { Length: <= MaxReceiptLength } trimmed && trimmed.All(char.IsAsciiLetterOrDigit))
            .WithMessage($"An M-Pesa receipt is up to {MaxReceiptLength} letters and digits, such as TKR1ABCDEF.");
        RuleFor(c => c.AccountReference).Must(r => PaymentSearch.Blank(r) || AccountReference.IsValid(r!.Trim()))
            .WithMessage($"The account reference is 1 to {AccountReference.MaxLength} letters, digits, spaces or dashes.");
        RuleFor(c => c.ClientId).Must(c => PaymentSearch.Blank(c) || c!.Trim().Length <= ClientId.MaxLength)
            .WithMessage($"A client id is 1 to {ClientId.MaxLength} characters.");
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.CreatedTo).GreaterThanOrEqualTo(c => c.CreatedFrom)
            .When(c => c.CreatedFrom is not null && c.CreatedTo is not null)
            .WithMessage("createdTo must not be before createdFrom.");
    }
}
