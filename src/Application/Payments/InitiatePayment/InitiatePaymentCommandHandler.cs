using Mapster;
using Mediator;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>
/// Crash-safe initiation (ARCHITECTURE.md §3): commit the payment with attempt #1 in Sending; then send it and commit
/// Daraja's answer (<see cref="StkPushSender"/>). The first commit is also where the database refuses a reused
/// Idempotency-Key and a second push to a phone with one in flight (unique indexes, never check-then-insert).
/// </summary>
public sealed class InitiatePaymentCommandHandler(
    IPaymentRepository payments,
    StkPushSender sender,
    IPushRateLimiter pushLimiter,
    TypeAdapterConfig mapping,
    TimeProvider clock) : ICommandHandler<InitiatePaymentCommand, Result<InitiatePaymentResponse>>
{
    public async ValueTask<Result<InitiatePaymentResponse>> Handle(InitiatePaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payment = Payment.Initiate(PaymentId.New(), command.ClientId, command.IdempotencyKey, Msisdn.Parse(command.PhoneNumber!),
            new Amount((int)command.Amount!.Value), AccountReference.Parse(command.AccountReference!),
            command.Description is null ? Description.Default : Description.Parse(command.Description), clock.GetUtcNow());
        // A repeated key is answered from the first request without touching the phone's push budget. (This read is
        // only a shortcut: the unique index below is what guarantees one payment per key.)
        if (command.IdempotencyKey is { } repeated
            && await payments.FirstOrDefaultAsync(new PaymentByIdempotencyKeySpec(command.ClientId, repeated), cancellationToken) is { } earlier)
        {
            return Replay(earlier, payment);
        }

        if (!pushLimiter.TryAcquire(payment.PhoneNumber, out var retryAfter))
        {
            return PaymentErrors.TooManyPushes(retryAfter);
        }

        payments.Add(payment);
        try
        {
            await payments.UnitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.IdempotencyKey && command.IdempotencyKey is { } key)
        {
            payments.UnitOfWork.DiscardChanges();
            var original = await payments.FirstOrDefaultAsync(new PaymentByIdempotencyKeySpec(command.ClientId, key), cancellationToken);
            return original is null ? PaymentErrors.IdempotencyKeyInUse() : Replay(original, payment);
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.InFlightPhoneNumber)
        {
            payments.UnitOfWork.DiscardChanges();
            return PaymentErrors.SubscriberBusy();
        }

        var (sent, pushError) = await sender.SendAsync(payment);
        return new InitiatePaymentResponse(sent.Adapt<PaymentDetails>(mapping), pushError);
    }

    /// <summary>
    /// The same key again: the first request's payment and outcome (never a second push), unless the request differs
    /// (422, naming the fields) or the first request is still being sent (409, try again shortly).
    /// </summary>
    private Result<InitiatePaymentResponse> Replay(Payment original, Payment requested)
    {
        var differences = new List<string>();
        if (original.PhoneNumber != requested.PhoneNumber)
        {
            differences.Add("phoneNumber");
        }

        if (original.Amount != requested.Amount)
        {
            differences.Add("amount");
        }

        if (original.AccountReference != requested.AccountReference)
        {
            differences.Add("accountReference");
        }

        if (original.Description != requested.Description)
        {
            differences.Add("description");
        }

        if (differences.Count > 0)
        {
            return PaymentErrors.IdempotencyKeyReused(differences);
        }

        var first = original.Attempts[0];
        if (first.Status == AttemptStatus.Sending)
        {
            return PaymentErrors.IdempotencyKeyInUse();
        }

        Error? firstOutcome = first switch
        {
            { Status: AttemptStatus.Rejected, ResultCode: { } code } =>
                MpesaErrors.PushRejected(new PushRejection(code, first.ResultDescription ?? string.Empty),
                    FailureCatalogue.ForPushRejection(new PushRejection(code, first.ResultDescription ?? string.Empty))),
            { CheckoutRequestId: null, SentAt: not null, ResultDescription: Payment.NoAnswerTimedOut } => MpesaErrors.NoAnswer(NoAnswerReason.TimedOut),
            { CheckoutRequestId: null, SentAt: not null, ResultDescription: Payment.NoAnswerUnreachable } => MpesaErrors.NoAnswer(NoAnswerReason.Unreachable),
            _ => null,
        };
        return new InitiatePaymentResponse(original.Adapt<PaymentDetails>(mapping), firstOutcome, Replayed: true);
    }
}
