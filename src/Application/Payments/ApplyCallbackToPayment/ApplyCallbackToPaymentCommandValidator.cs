using FluentValidation;

namespace Shield.Application.Payments.ApplyCallbackToPayment;

public sealed class ApplyCallbackToPaymentCommandValidator : AbstractValidator<ApplyCallbackToPaymentCommand>
{
    public const int MaxAppliedByLength = 80;

    public ApplyCallbackToPaymentCommandValidator()
    {
        RuleFor(c => c.CallbackId).NotEmpty().WithMessage("Name the stored callback to apply.");
        RuleFor(c => c.PaymentId.Value).NotEmpty().OverridePropertyName(nameof(ApplyCallbackToPaymentCommand.PaymentId))
            .WithMessage("Name the payment to apply the callback to.");
        RuleFor(c => c.AppliedBy).Must(by => by?.Trim() is { Length: > 0 and <= MaxAppliedByLength })
            .WithMessage($"Say who applies it, in 1 to {MaxAppliedByLength} characters.");
    }
}
