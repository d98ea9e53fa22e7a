using Mapster;
using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.RecordStkCallback;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>
/// Crash-safe initiation (ARCHITECTURE.md §3): commit the payment with attempt #1 in Sending; call Daraja outside
/// any transaction; commit Daraja's answer; then apply any callback that beat that commit.
/// </summary>
public sealed class InitiatePaymentCommandHandler(
    IPaymentRepository payments,
    IMpesaGateway gateway,
    UnmatchedCallbackApplier unmatchedCallbacks,
    TypeAdapterConfig mapping,
    TimeProvider clock) : ICommandHandler<InitiatePaymentCommand, Result<InitiatePaymentResponse>>
{
    public async ValueTask<Result<InitiatePaymentResponse>> Handle(InitiatePaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payment = Payment.Initiate(PaymentId.New(), command.ClientId, command.IdempotencyKey, Msisdn.Parse(command.PhoneNumber!),
            new Amount((int)command.Amount!.Value), AccountReference.Parse(command.AccountReference!),
            command.Description is null ? Description.Default : Description.Parse(command.Description), clock.GetUtcNow());
        payments.Add(payment);
        await payments.UnitOfWork.SaveChangesAsync(cancellationToken);

        // From here on the client may go away: Safaricom's answer must be recorded whatever happens to the request.
        var attempt = payment.CurrentAttempt;
        var outcome = await gateway.SendStkPushAsync(
            new StkPushRequest(payment.Id, attempt.Number, payment.PhoneNumber, payment.Amount, payment.AccountReference, payment.Description),
            CancellationToken.None);

        var now = clock.GetUtcNow();
        Error? pushError = null;
        switch (outcome)
        {
            case StkPushOutcome.Accepted accepted:
                payment.RecordPushAccepted(attempt.Number, accepted.MerchantRequestId, accepted.CheckoutRequestId, now);
                break;
            case StkPushOutcome.Rejected rejected:
                payment.RecordPushRejected(attempt.Number, rejected.Rejection, now);
                pushError = MpesaErrors.PushRejected(rejected.Rejection, payment.Failure!);
                break;
            case StkPushOutcome.NoAnswer noAnswer:
                payment.RecordPushOutcomeUnknown(attempt.Number, now);
                pushError = MpesaErrors.NoAnswer(noAnswer.Reason);
                break;
        }

        await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);

        if (outcome is StkPushOutcome.Accepted { CheckoutRequestId: var checkoutRequestId })
        {
            payment = await unmatchedCallbacks.ApplyAsync(checkoutRequestId, CancellationToken.None) ?? payment;
        }

        return new InitiatePaymentResponse(payment.Adapt<PaymentDetails>(mapping), pushError);
    }
}
