using FluentValidation;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.RequestRefund;

public sealed class RequestRefundCommandValidator : AbstractValidator<RequestRefundCommand>
{
    public RequestRefundCommandValidator()
    {
        RuleFor(c => c.Reason).Must(RefundReason.IsValid)
            .WithMessage($"Give the reason in 1 to {RefundReason.MaxLength} characters (no control characters).");
        RuleFor(c => c.Amount).InclusiveBetween(1, int.MaxValue).When(c => c.Amount is not null)
            .WithMessage("The amount is whole KES, at least 1; leave it out to refund the whole payment.");
        RuleFor(c => c.IdempotencyKey).Must(k => k is null || (k.Length is >= 1 and <= 255 && k.All(ch => ch is >= ' ' and <= '~')))
            .WithMessage("The Idempotency-Key is 1 to 255 printable ASCII characters, sent once.");
        RuleFor(c => c.RequestedBy).Must(by => by is null || by.Trim() is { Length: >= 1 and <= Refund.MaxActorLength })
            .WithMessage($"Who requests it is 1 to {Refund.MaxActorLength} characters.");
    }
}
