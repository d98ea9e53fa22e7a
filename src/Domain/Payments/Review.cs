using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// A person's look at a payment flagged for review (<see cref="Payment.ReviewReason"/>): they record what they decided,
/// and the payment leaves the review queue. The payment's status is not changed by it: money is moved (or given back)
/// by the commands that do that, never by a note.
/// </summary>
public static class Review
{
    public const int MaxNoteLength = 500;

    /// <summary>Resolves the payment's review with <paramref name="note"/> (the decision), by <paramref name="resolvedBy"/>.</summary>
    public static Result Resolve(Payment payment, string resolvedBy, string note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolvedBy);
        if (payment.ReviewReason is not { } reason)
        {
            return PaymentErrors.NotUnderReview();
        }

        if (string.IsNullOrWhiteSpace(note) || note.Length > MaxNoteLength)
        {
            return Error.Validation("review_note_invalid", $"Say what was decided, in 1 to {MaxNoteLength} characters.");
        }

        payment.Resolve(new ReviewResolution(reason, resolvedBy, note.Trim(), now), now);
        return Result.Success();
    }
}

/// <summary>The latest review of a payment: what it was flagged for, who looked, what they decided and when.</summary>
public sealed record ReviewResolution(ReviewReason Reason, string ResolvedBy, string Note, DateTimeOffset ResolvedAt);
