using Mapster;
using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RetryPayment;

/// <summary>Same commit points as initiation: the new attempt is committed in Sending before it is sent.</summary>
public sealed class RetryPaymentCommandHandler(
    IPaymentRepository payments,
    StkPushSender sender,
    IPushRateLimiter pushLimiter,
    IOptions<PaymentOptions> options,
    TypeAdapterConfig mapping,
    TimeProvider clock) : ICommandHandler<RetryPaymentCommand, Result<InitiatePaymentResponse>>
{
    public async ValueTask<Result<InitiatePaymentResponse>> Handle(RetryPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payment = await payments.FirstOrDefaultAsync(new PaymentByIdSpec(command.PaymentId, command.ClientId, forUpdate: true), cancellationToken);
        if (payment is null)
        {
            return PaymentErrors.NotFound(command.PaymentId);
        }

        // Only a retry that will push spends the phone's push budget.
        if (payment.CanRetry(options.Value.MaxAttempts) is { Error: { } refused })
        {
            return refused;
        }

        if (!pushLimiter.TryAcquire(payment.PhoneNumber, out var retryAfter))
        {
            return PaymentErrors.TooManyPushes(retryAfter);
        }

        payment.Retry(options.Value.MaxAttempts, clock.GetUtcNow());

        try
        {
            await payments.UnitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.InFlightPhoneNumber)
        {
            payments.UnitOfWork.DiscardChanges();
            return PaymentErrors.SubscriberBusy();
        }

        var (sent, pushError) = await sender.SendAsync(payment);
        return new InitiatePaymentResponse(sent.Adapt<PaymentDetails>(mapping), pushError);
    }
}
