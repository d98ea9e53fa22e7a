using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.RetryPayment;

/// <summary>
/// The same two commits as initiation: the new attempt is stored in Sending before it is sent. Two retries at once end
/// alike on every engine: one pushes, the other is decided again on the retried payment and refused.
/// </summary>
/// <remarks>
/// Only a retry that will push spends the phone's push budget, and only once however many rounds it takes. The budget
/// is asked for asynchronously (a fleet counts it in Redis), so not inside the decision: a first decision that would
/// push stops before the change (<see cref="BudgetNeeded"/>, nothing is saved), the budget is taken, and the retry is
/// decided again on the payment as it then stands.
/// </remarks>
public sealed class RetryPaymentCommandHandler(
    PaymentWriter writer,
    StkPushSender sender,
    IPushRateLimiter pushLimiter,
    IOptions<PaymentOptions> options) : ICommandHandler<RetryPaymentCommand, Result<PaymentOutcome>>
{
    /// <summary>Never leaves this handler: the decision would push, and the phone's budget has not been taken yet.</summary>
    private static readonly Error BudgetNeeded = new("payment.push_budget_needed", "The phone's push budget is taken before the retry.", ErrorType.Conflict);

    public async ValueTask<Result<PaymentOutcome>> Handle(RetryPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var maxAttempts = options.Value.MaxAttempts;
        var pushTaken = false;
        Msisdn? phone = null;
        while (true)
        {
            var retried = await writer.ChangeAsync(PaymentLookup.ForClient(command.ClientId, command.PaymentId), (payment, now) =>
            {
                if (payment.CanRetry(maxAttempts, command.AcknowledgeOutcomeUnknown) is { Error: { } refused })
                {
                    return refused;
                }

                if (!pushTaken)
                {
                    phone = payment.PhoneNumber;
                    return BudgetNeeded;
                }

                return payment.Retry(maxAttempts, now, command.AcknowledgeOutcomeUnknown);
            }, cancellationToken);
            if (!ReferenceEquals(retried.Error, BudgetNeeded))
            {
                return retried.IsSuccess ? await sender.SendAsync(retried.Value) : retried.Error!;
            }

            if (await pushLimiter.AcquireAsync(phone!, cancellationToken) is { IsGranted: false } spent)
            {
                return PushLimits.TooManyPushes(spent.RetryAfter);
            }

            pushTaken = true;
        }
    }
}
