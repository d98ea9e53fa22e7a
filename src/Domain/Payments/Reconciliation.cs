using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// The reconciler's decisions about one payment: which attempt is due (<see cref="ReconciliationSchedule"/> says when),
/// what Safaricom's answer to STK Push Query means for it, and when to give up on it. Each change goes through the
/// payment, which keeps its invariants.
/// </summary>
public static class Reconciliation
{
    /// <summary>The attempt the reconciler must look at now, or null; none while the payment is held for review.</summary>
    public static PaymentAttempt? AttemptDue(Payment payment, ReconciliationSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(schedule);
        return payment.IsHeldForReview ? null : payment.Attempts.FirstOrDefault(a => schedule.IsDueNow(a, now));
    }

    /// <summary>
    /// The decision for one attempt after Safaricom was asked (or could not be): the answer is recorded
    /// (<see cref="RecordQueryAnswer"/>), and an attempt still without an outcome past the expiry window expires
    /// (<see cref="Expire"/>). Whatever the payment's status: an attempt in flight on a completed payment is still chased.
    /// </summary>
    public static Result<ReconciliationOutcome> Reconcile(Payment payment, int attemptNumber, AttemptCheck check, ReconciliationSchedule schedule,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(schedule);
        var answered = payment.Attempt(attemptNumber) is { IsTerminal: true } ? Result.Success() : RecordQueryAnswer(payment, attemptNumber, check, schedule, now);
        if (answered.Error is { } error)
        {
            return error; // no such attempt
        }

        var attempt = payment.Attempt(attemptNumber)!;
        if (attempt.IsTerminal)
        {
            return ReconciliationOutcome.Settled;
        }

        if (!schedule.HasExpired(attempt, now))
        {
            return ReconciliationOutcome.StillWaiting;
        }

        return Expire(payment, attemptNumber, now) is { Error: { } expiry } ? expiry : ReconciliationOutcome.Expired;
    }

    /// <summary>
    /// STK Push Query's answer about an attempt (the reconciler's, or a client's verify): a ResultCode applies as a
    /// callback would (a success without a receipt); any other answer is counted, and the next query scheduled with
    /// backoff, while the attempt has no outcome.
    /// </summary>
    public static Result RecordQueryAnswer(Payment payment, int attemptNumber, AttemptCheck check, ReconciliationSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(schedule);
        if (payment.Attempt(attemptNumber) is { CheckoutRequestId: { } checkoutRequestId } && check is AttemptCheck.Answer answer
            && ResultCodes.Classify(answer.ResultCode) != StkOutcome.StillProcessing)
        {
            return payment.ApplyStkResult(new StkResult(checkoutRequestId, answer.ResultCode, answer.ResultDescription, null, ResultSource.Query), now);
        }

        return payment.ChangeAttempt(attemptNumber, now, attempt => check is AttemptCheck.NotAskedCheck ? null
            : attempt.RecordQuery(now, schedule.NextQueryAfter(now, attempt.QueryCount + 1), answered: check is not AttemptCheck.UnansweredCheck));
    }

    /// <summary>
    /// Gives up on an attempt with no outcome: it expires, and so does its payment if it was waiting on it; a push whose
    /// outcome was never learned expires as outcome_unknown and flags the payment. A later success still completes it.
    /// </summary>
    public static Result Expire(Payment payment, int attemptNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return payment.ChangeAttempt(attemptNumber, now, attempt => attempt.ExpireWithoutOutcome(now));
    }
}
