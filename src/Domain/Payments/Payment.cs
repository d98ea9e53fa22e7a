using Shield.Domain.Common;
using Shield.Domain.Payments.Events;

namespace Shield.Domain.Payments;

/// <summary>
/// A request to collect money from a customer's phone through M-Pesa Express, with every STK push made for it.
/// The rules of ARCHITECTURE.md §2 live here: at most one attempt in flight; a success always wins; nothing
/// else changes a Completed payment; an attempt's first terminal result is final.
/// </summary>
public sealed class Payment : AggregateRoot
{
    public const string Kes = "KES";

    private readonly List<PaymentAttempt> _attempts = [];

    private Payment()
    {
        PhoneNumber = null!;
        AccountReference = null!;
        Description = null!;
    }

    private Payment(PaymentId id, ClientId clientId, string? idempotencyKey, Msisdn phoneNumber, Amount amount,
        AccountReference accountReference, Description description, DateTimeOffset now)
    {
        Id = id;
        ClientId = clientId;
        IdempotencyKey = idempotencyKey;
        PhoneNumber = phoneNumber;
        Amount = amount;
        AccountReference = accountReference;
        Description = description;
        Status = PaymentStatus.Pending;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public PaymentId Id { get; private set; }

    public ClientId ClientId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public Amount Amount { get; private set; }

    public string Currency { get; private set; } = Kes;

    public Msisdn PhoneNumber { get; private set; }

    public AccountReference AccountReference { get; private set; }

    public Description Description { get; private set; }

    public PaymentStatus Status { get; private set; }

    public string? MpesaReceiptNumber { get; private set; }

    public PaymentFailure? Failure { get; private set; }

    /// <summary>Why a person must look at this payment (amount_mismatch, phone_mismatch, duplicate_charge), or null.</summary>
    public string? ReviewReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Optimistic concurrency token: bumped by every change, checked by every save.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<PaymentAttempt> Attempts => _attempts;

    public PaymentAttempt CurrentAttempt => _attempts[^1];

    public bool NeedsReview => ReviewReason is not null;

    /// <summary>Creates a payment with attempt #1 in Sending: stored before anything is sent to Daraja.</summary>
    public static Payment Initiate(PaymentId id, ClientId clientId, string? idempotencyKey, Msisdn phoneNumber, Amount amount,
        AccountReference accountReference, Description description, DateTimeOffset now)
    {
        var payment = new Payment(id, clientId, idempotencyKey, phoneNumber, amount, accountReference, description, now);
        payment._attempts.Add(new PaymentAttempt(1, now));
        payment.Raise(new PaymentInitiated(id, 1, now));
        return payment;
    }

    /// <summary>Daraja accepted the push: the customer has the prompt.</summary>
    public Result RecordPushAccepted(int attemptNumber, string merchantRequestId, string checkoutRequestId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkoutRequestId);
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.Status is not (AttemptStatus.Sending or AttemptStatus.Unknown))
        {
            return PaymentErrors.AttemptNotSending(attemptNumber);
        }

        attempt.MarkAccepted(merchantRequestId, checkoutRequestId, now);
        Touch(now);
        return Result.Success();
    }

    /// <summary>Daraja refused the push synchronously: no prompt was shown, the payment fails.</summary>
    public Result RecordPushRejected(int attemptNumber, PushRejection rejection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.Status != AttemptStatus.Sending)
        {
            return PaymentErrors.AttemptNotSending(attemptNumber);
        }

        attempt.MarkRejected(rejection, now);
        if (Status == PaymentStatus.Pending && attempt == CurrentAttempt)
        {
            Settle(PaymentStatus.Failed, FailureCatalogue.ForPushRejection(rejection), now);
        }

        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// The push may or may not have reached Daraja (timeout, connection lost). It is never re-sent: a second
    /// push could prompt the customer twice. The payment stays Pending until the outcome is known.
    /// </summary>
    public Result RecordPushOutcomeUnknown(int attemptNumber, DateTimeOffset now)
    {
        var attempt = FindAttempt(attemptNumber);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNumberNotFound(attemptNumber);
        }

        if (attempt.Status != AttemptStatus.Sending)
        {
            return PaymentErrors.AttemptNotSending(attemptNumber);
        }

        attempt.MarkUnknown(now);
        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Applies Safaricom's verdict on one push (a callback, or a query answer). Duplicates are no-ops; a success
    /// always wins unless it does not match the payment; a failure never changes a Completed payment.
    /// </summary>
    public Result<StkResultApplication> ApplyStkResult(StkResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var attempt = _attempts.Find(a => a.CheckoutRequestId == result.CheckoutRequestId);
        if (attempt is null)
        {
            return PaymentErrors.AttemptNotFound(result.CheckoutRequestId);
        }

        return ResultCodes.Classify(result.ResultCode) switch
        {
            StkOutcome.StillProcessing => StkResultApplication.Duplicate,
            StkOutcome.Succeeded => ApplySuccess(attempt, result, now),
            var outcome => ApplyFailure(attempt, outcome, result, now),
        };
    }

    private StkResultApplication ApplySuccess(PaymentAttempt attempt, StkResult result, DateTimeOffset now)
    {
        if (attempt.Status == AttemptStatus.Succeeded)
        {
            return StkResultApplication.Duplicate;
        }

        var mismatch = FindMismatch(result.Receipt);
        if (mismatch is not null)
        {
            if (ReviewReason == mismatch && attempt.ReceiptNumber == result.Receipt?.Number)
            {
                return StkResultApplication.Duplicate;
            }

            attempt.RecordUnappliedSuccess(result);
            FlagForReview(mismatch, now);
            Touch(now);
            return StkResultApplication.FlaggedForReview;
        }

        attempt.MarkSucceeded(result, now);
        if (Status == PaymentStatus.Completed)
        {
            Raise(new DuplicateChargeDetected(Id, attempt.Number, result.Receipt?.Number, now));
            FlagForReview("duplicate_charge", now);
            Touch(now);
            return StkResultApplication.FlaggedForReview;
        }

        var previous = Status;
        Status = PaymentStatus.Completed;
        MpesaReceiptNumber = result.Receipt?.Number;
        CompletedAt = now;
        Failure = null;
        Raise(previous == PaymentStatus.Pending
            ? new PaymentCompleted(Id, MpesaReceiptNumber, now)
            : new PaymentCompletedLate(Id, previous, MpesaReceiptNumber, now));
        Touch(now);
        return StkResultApplication.Applied;
    }

    private StkResultApplication ApplyFailure(PaymentAttempt attempt, StkOutcome outcome, StkResult result, DateTimeOffset now)
    {
        if (attempt.IsTerminal)
        {
            return StkResultApplication.Duplicate;
        }

        var (attemptStatus, paymentStatus) = outcome switch
        {
            StkOutcome.Cancelled => (AttemptStatus.Cancelled, PaymentStatus.Cancelled),
            StkOutcome.Expired => (AttemptStatus.Expired, PaymentStatus.Expired),
            _ => (AttemptStatus.Failed, PaymentStatus.Failed),
        };
        attempt.MarkFinished(attemptStatus, result, now);
        Touch(now);
        if (Status != PaymentStatus.Pending || attempt != CurrentAttempt)
        {
            return StkResultApplication.RecordedOnly;
        }

        Settle(paymentStatus, FailureCatalogue.ForResultCode(result.ResultCode), now);
        return StkResultApplication.Applied;
    }

    private string? FindMismatch(Receipt? receipt)
    {
        if (receipt is null)
        {
            return null;
        }

        if (receipt.Amount != Amount.Value)
        {
            return "amount_mismatch";
        }

        var phone = receipt.PhoneNumber;
        var comparable = phone is not null && phone.All(char.IsAsciiDigit);
        return comparable && phone != PhoneNumber.Value ? "phone_mismatch" : null;
    }

    private void Settle(PaymentStatus status, PaymentFailure failure, DateTimeOffset now)
    {
        Status = status;
        Failure = failure;
        Raise(new PaymentFailed(Id, status, failure.Code, now));
    }

    private void FlagForReview(string reason, DateTimeOffset now)
    {
        ReviewReason = reason;
        Raise(new PaymentFlaggedForReview(Id, reason, now));
    }

    private PaymentAttempt? FindAttempt(int number) => _attempts.Find(a => a.Number == number);

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
