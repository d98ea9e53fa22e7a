using FluentValidation;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>The rules of each field come from the value objects, so each rule has one source of truth.</summary>
public sealed class InitiatePaymentCommandValidator : AbstractValidator<InitiatePaymentCommand>
{
    public const int MaxIdempotencyKeyLength = 255;

    public InitiatePaymentCommandValidator(IOptions<PaymentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;

        RuleFor(c => c.PhoneNumber)
            .NotEmpty().WithMessage("A phone number is required.")
            .Must(Msisdn.IsValid).WithMessage("Use a Safaricom number such as 0712345678 or 254712345678.");

        RuleFor(c => c.Amount)
            .NotNull().WithMessage("An amount is required.")
            .Must(a => a is null || decimal.Truncate(a.Value) == a.Value).WithMessage("The amount must be a whole number of KES.")
            .InclusiveBetween(limits.MinAmount, limits.MaxAmount).WithMessage($"The amount must be from KES {limits.MinAmount} to KES {limits.MaxAmount}.");

        RuleFor(c => c.AccountReference)
            .NotEmpty().WithMessage("An account reference is required.")
            .Must(AccountReference.IsValid)
            .WithMessage($"The account reference is 1 to {AccountReference.MaxLength} letters, digits, spaces or dashes.");

        RuleFor(c => c.IdempotencyKey)
            .Must(k => k is null || (k.Length is > 0 and <= MaxIdempotencyKeyLength && k.All(c => c is >= ' ' and <= '~')))
            .WithMessage($"The Idempotency-Key header is 1 to {MaxIdempotencyKeyLength} printable ASCII characters.");

        RuleFor(c => c.Currency)
            .Must(c => c is null || c == Payment.Kes)
            .WithMessage($"The currency must be {Payment.Kes}: M-Pesa collects Kenyan shillings only.");

        RuleFor(c => c.Description)
            .Must(d => d is null || Description.IsValid(d))
            .WithMessage($"The description is 1 to {Description.MaxLength} letters, digits, spaces or dashes.");
    }
}
