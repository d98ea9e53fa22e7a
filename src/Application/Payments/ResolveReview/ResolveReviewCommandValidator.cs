using FluentValidation;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ResolveReview;

public sealed class ResolveReviewCommandValidator : AbstractValidator<ResolveReviewCommand>
{
    public ResolveReviewCommandValidator()
    {
        RuleFor(c => c.Reason).Must(r => r is not null && ReviewReason.All.Any(known => known.Code == r))
            .WithMessage($"reason is the payment's reviewReason: one of {string.Join(", ", ReviewReason.All.Select(r => r.Code))}.");
        RuleFor(c => c.Note).Must(n => n?.Trim() is { Length: > 0 and <= Review.MaxNoteLength }).WithMessage(Review.NoteRule);
    }
}
