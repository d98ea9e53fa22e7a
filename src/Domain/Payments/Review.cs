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

    /// <summary>
    /// Resolves the payment's review of <paramref name="reason"/> (the one the person looked at) with
    /// <paramref name="note"/> (the decision), by <paramref name="resolvedBy"/>. Refused when the payment is flagged
    /// for another reason by now, and for the reasons that hold it back from the reconciler (a success that does not fit
    /// the payment): those are settled by a decision about the money, not by a note, and until then the payment stays held.
    /// </summary>
    public static Result Resolve(Payment payment, ReviewReason reason, string resolvedBy, string note, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(resolvedBy);
        if (payment.ReviewReason is not { } current)
        {
            return PaymentErrors.NotUnderReview();
        }

        if (current != reason)
        {
            return PaymentErrors.ReviewReasonChanged(reason, current);
        }

        if (current.HoldsReconciliation)
        {
            return PaymentErrors.ReviewNeedsDecision(current);
        }

        var decision = note?.Trim();
        if (string.IsNullOrEmpty(decision) || decision.Length > MaxNoteLength)
        {
            return Error.Validation("review_note_invalid", NoteRule);
        }

        payment.Resolve(new ReviewResolution(current, resolvedBy, decision, now), now);
        return Result.Success();
    }

    /// <summary>What a note must be: the validator of the command says it too.</summary>
    public static string NoteRule { get; } = $"Say what was decided, in 1 to {MaxNoteLength} characters.";
}

/// <summary>The latest review of a payment: what it was flagged for, who looked, what they decided and when.</summary>
public sealed record ReviewResolution(ReviewReason Reason, string ResolvedBy, string Note, DateTimeOffset ResolvedAt);
