using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.VerifyPayment;

/// <summary>
/// Asks Safaricom what the payment's domain says can be asked (<see cref="VerificationCheck.For"/>), outside any
/// transaction, then records the answer through the write pipeline.
/// </summary>
public sealed class VerifyPaymentCommandHandler(
    IPaymentRepository payments,
    IMpesaGateway gateway,
    PaymentWriter writer,
    IOptions<ReconciliationOptions> reconciliation) : ICommandHandler<VerifyPaymentCommand, Result<PaymentOutcome>>
{
    public async ValueTask<Result<PaymentOutcome>> Handle(VerifyPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await payments.FindAsync(command.PaymentId, command.ClientId, cancellationToken) is not { } payment)
        {
            return PaymentErrors.NotFound(command.PaymentId);
        }

        return VerificationCheck.For(payment) switch
        {
            { Error: { } nothing } => nothing,
            { Value: VerificationCheck.StkQuery query } => await QueryAsync(payment, query, cancellationToken),
            { Value: VerificationCheck.TransactionStatus status } => await RequestStatusAsync(payment, status, cancellationToken),
            _ => throw new InvalidOperationException("A verification the handler does not know."),
        };
    }

    /// <summary>STK Push Query: its answer is applied at once (a success completes the payment).</summary>
    private async Task<PaymentOutcome> QueryAsync(Payment payment, VerificationCheck.StkQuery query, CancellationToken cancellationToken)
    {
        var outcome = await gateway.QueryStkPushAsync(query.CheckoutRequestId, cancellationToken);
        var recorded = await writer.RecordAsync(PaymentLookup.Loaded(payment),
            (p, now) => Reconciliation.RecordQueryAnswer(p, query.AttemptNumber, outcome.ToCheck(), reconciliation.Value.Schedule, now));
        return writer.Outcome(recorded.IsSuccess ? recorded.Value : payment, outcome is StkQueryOutcome.NoAnswer noAnswer ? MpesaErrors.NoAnswer(noAnswer.Reason) : null);
    }

    /// <summary>Transaction Status: Safaricom answers later, on the result URL; the payment shows the verification as requested.</summary>
    private async Task<PaymentOutcome> RequestStatusAsync(Payment payment, VerificationCheck.TransactionStatus status, CancellationToken cancellationToken)
    {
        var outcome = await gateway.RequestTransactionStatusAsync(new TransactionStatusRequest(payment.Id, status.ReceiptNumber), cancellationToken);
        if (outcome is not TransactionStatusOutcome.Accepted accepted)
        {
            return writer.Outcome(payment, outcome switch
            {
                TransactionStatusOutcome.Rejected rejected => MpesaErrors.VerificationRejected(rejected.ErrorCode, rejected.ErrorMessage),
                TransactionStatusOutcome.NoAnswer noAnswer => MpesaErrors.NoAnswer(noAnswer.Reason),
                _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
            });
        }

        var recorded = await writer.RecordAsync(PaymentLookup.Loaded(payment),
            (p, now) => Verification.Request(p, accepted.ConversationId, accepted.OriginatorConversationId, now));
        return writer.Outcome(recorded.IsSuccess ? recorded.Value : payment);
    }
}
