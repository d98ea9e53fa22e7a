using FluentValidation;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ResolveReview;

public sealed class ResolveReviewCommandValidator : AbstractValidator<ResolveReviewCommand>
{
    public ResolveReviewCommandValidator() =>
        RuleFor(c => c.Note).NotEmpty().MaximumLength(Review.MaxNoteLength)
            .WithMessage($"Say what was decided, in 1 to {Review.MaxNoteLength} characters.");
}
