using Mapster;
using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RetryPayment;

/// <summary>
/// Same commit points as initiation: the new attempt is committed in Sending before it is sent. Two retries at once end
/// alike on every engine: one pushes, the other is decided again on the retried payment and refused.
/// </summary>
public sealed class RetryPaymentCommandHandler(
    IPaymentRepository payments,
    PaymentWriter writer,
    StkPushSender sender,
    IPushRateLimiter pushLimiter,
    IOptions<PaymentOptions> options,
    TypeAdapterConfig mapping) : ICommandHandler<RetryPaymentCommand, Result<InitiatePaymentResponse>>
{
    public async ValueTask<Result<InitiatePaymentResponse>> Handle(RetryPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var maxAttempts = options.Value.MaxAttempts;
        var pushTaken = false;
        Result<Payment> retried;
        try
        {
            retried = await writer.ChangeAsync(PaymentLookup.ForClient(command.ClientId, command.PaymentId), (payment, now) =>
            {
                if (payment.CanRetry(maxAttempts, command.AcknowledgeOutcomeUnknown) is { Error: { } refused })
                {
                    return refused;
                }

                // Only a retry that will push spends the phone's push budget, and only once however many rounds it takes.
                if (!pushTaken && !pushLimiter.TryAcquire(payment.PhoneNumber, out var retryAfter))
                {
                    return PaymentErrors.TooManyPushes(retryAfter);
                }

                pushTaken = true;
                return payment.Retry(maxAttempts, now, command.AcknowledgeOutcomeUnknown);
            }, cancellationToken);
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.InFlightPhoneNumber)
        {
            // The phone has a push in flight: this payment's own (a concurrent retry won) or another payment's.
            payments.UnitOfWork.DiscardChanges();
            var now = await payments.FindAsync(command.PaymentId, command.ClientId, cancellationToken);
            return now is { Status: PaymentStatus.Pending } ? PaymentErrors.NotRetriable(now.Status) : PaymentErrors.SubscriberBusy();
        }

        if (retried.IsFailure)
        {
            return retried.Error!;
        }

        var (sent, pushError) = await sender.SendAsync(retried.Value);
        return new InitiatePaymentResponse(sent.Adapt<PaymentDetails>(mapping), pushError);
    }
}
