using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;

namespace Shield.Application.Payments.RetryPayment;

/// <summary>
/// The same two commits as initiation: the new attempt is stored in Sending before it is sent. Two retries at once end
/// alike on every engine: one pushes, the other is decided again on the retried payment and refused.
/// </summary>
public sealed class RetryPaymentCommandHandler(
    PaymentWriter writer,
    StkPushSender sender,
    IPushRateLimiter pushLimiter,
    IOptions<PaymentOptions> options) : ICommandHandler<RetryPaymentCommand, Result<PaymentOutcome>>
{
    public async ValueTask<Result<PaymentOutcome>> Handle(RetryPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var maxAttempts = options.Value.MaxAttempts;
        var pushTaken = false;
        var retried = await writer.ChangeAsync(PaymentLookup.ForClient(command.ClientId, command.PaymentId), (payment, now) =>
        {
            // Only a retry that will push spends the phone's push budget, and only once however many rounds it takes.
            if (payment.CanRetry(maxAttempts, command.AcknowledgeOutcomeUnknown) is { Error: { } refused })
            {
                return refused;
            }

            if (!pushTaken && !pushLimiter.TryAcquire(payment.PhoneNumber, out var retryAfter))
            {
                return PushLimits.TooManyPushes(retryAfter);
            }

            pushTaken = true;
            return payment.Retry(maxAttempts, now, command.AcknowledgeOutcomeUnknown);
        }, cancellationToken);
        return retried.IsSuccess ? await sender.SendAsync(retried.Value) : retried.Error!;
    }
}
