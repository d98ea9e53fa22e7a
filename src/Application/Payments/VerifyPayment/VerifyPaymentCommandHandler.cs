using Mapster;
using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.VerifyPayment;

public sealed class VerifyPaymentCommandHandler(
    IPaymentRepository payments,
    IMpesaGateway gateway,
    AttemptQuery query,
    IOptions<ReconciliationOptions> reconciliation,
    TypeAdapterConfig mapping,
    TimeProvider clock) : ICommandHandler<VerifyPaymentCommand, Result<InitiatePaymentResponse>>
{
    public async ValueTask<Result<InitiatePaymentResponse>> Handle(VerifyPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var payment = await payments.FirstOrDefaultAsync(new PaymentByIdSpec(command.PaymentId, command.ClientId, forUpdate: true), cancellationToken);
        if (payment is null)
        {
            return PaymentErrors.NotFound(command.PaymentId);
        }

        Error? error = null;
        if (payment is { Status: PaymentStatus.Completed, MpesaReceiptNumber: { } receipt })
        {
            error = await RequestTransactionStatus(payment, receipt, cancellationToken);
        }
        else if (payment.CurrentAttempt.CheckoutRequestId is not null)
        {
            var outcome = await query.QueryAsync(payment, payment.CurrentAttempt, reconciliation.Value.Schedule, cancellationToken);
            error = outcome is StkQueryOutcome.NoAnswer noAnswer ? MpesaErrors.NoAnswer(noAnswer.Reason) : null;
        }
        else
        {
            return PaymentErrors.NothingToVerify(payment.CurrentAttempt.Number);
        }

        await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);
        return new InitiatePaymentResponse(payment.Adapt<PaymentDetails>(mapping), error);
    }

    private async Task<Error?> RequestTransactionStatus(Payment payment, string receipt, CancellationToken cancellationToken)
    {
        var outcome = await gateway.RequestTransactionStatusAsync(new TransactionStatusRequest(payment.Id, receipt), cancellationToken);
        switch (outcome)
        {
            case TransactionStatusOutcome.Accepted accepted:
                payment.RequestVerification(accepted.ConversationId, accepted.OriginatorConversationId, clock.GetUtcNow());
                return null;
            case TransactionStatusOutcome.Rejected rejected:
                return MpesaErrors.VerificationRejected(rejected.ErrorCode, rejected.ErrorMessage);
            case TransactionStatusOutcome.NoAnswer noAnswer:
                return MpesaErrors.NoAnswer(noAnswer.Reason);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}.");
        }
    }
}
