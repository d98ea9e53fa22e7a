using Mapster;
using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.VerifyPayment;

/// <summary>
/// Asks Safaricom outside any transaction, then records its answer through the write pipeline (decided again on the
/// payment as it then stands if another writer changed it meanwhile).
/// </summary>
public sealed class VerifyPaymentCommandHandler(
    IPaymentRepository payments,
    IMpesaGateway gateway,
    PaymentWriter writer,
    IOptions<ReconciliationOptions> reconciliation,
    TypeAdapterConfig mapping) : ICommandHandler<VerifyPaymentCommand, Result<InitiatePaymentResponse>>
{
    public async ValueTask<Result<InitiatePaymentResponse>> Handle(VerifyPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payment = await payments.FindAsync(command.PaymentId, command.ClientId, cancellationToken);
        if (payment is null)
        {
            return PaymentErrors.NotFound(command.PaymentId);
        }

        switch (payment.ChooseVerification())
        {
            case { IsFailure: true, Error: { } nothing }:
                return nothing;
            case { Value: VerificationCheck.TransactionStatus { ReceiptNumber: var receipt } }:
                return await RequestTransactionStatus(payment, receipt, cancellationToken);
            case { Value: VerificationCheck.StkQuery { AttemptNumber: var number, CheckoutRequestId: var checkoutRequestId } }:
                return await QueryStkPush(payment, number, checkoutRequestId, cancellationToken);
            default:
                throw new InvalidOperationException("Unexpected verification.");
        }
    }

    private async Task<Result<InitiatePaymentResponse>> QueryStkPush(Payment payment, int number, string checkoutRequestId, CancellationToken cancellationToken)
    {
        var outcome = await gateway.QueryStkPushAsync(checkoutRequestId, cancellationToken);
        var recorded = await writer.RecordAsync(PaymentLookup.Loaded(payment),
            (p, now) => p.RecordQueryAnswer(number, outcome.ToCheck(), reconciliation.Value.Schedule, now));
        return Answer(recorded.IsSuccess ? recorded.Value : payment, outcome is StkQueryOutcome.NoAnswer noAnswer ? MpesaErrors.NoAnswer(noAnswer.Reason) : null);
    }

    private async Task<Result<InitiatePaymentResponse>> RequestTransactionStatus(Payment payment, string receipt, CancellationToken cancellationToken)
    {
        var outcome = await gateway.RequestTransactionStatusAsync(new TransactionStatusRequest(payment.Id, receipt), cancellationToken);
        switch (outcome)
        {
            case TransactionStatusOutcome.Accepted accepted:
                var recorded = await writer.RecordAsync(PaymentLookup.Loaded(payment),
                    (p, now) => p.RequestVerification(accepted.ConversationId, accepted.OriginatorConversationId, now));
                return Answer(recorded.IsSuccess ? recorded.Value : payment, null);
            case TransactionStatusOutcome.Rejected rejected:
                return Answer(payment, MpesaErrors.VerificationRejected(rejected.ErrorCode, rejected.ErrorMessage));
            case TransactionStatusOutcome.NoAnswer noAnswer:
                return Answer(payment, MpesaErrors.NoAnswer(noAnswer.Reason));
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}.");
        }
    }

    private InitiatePaymentResponse Answer(Payment payment, Error? error) => new(payment.Adapt<PaymentDetails>(mapping), error);
}
