using Mapster;
using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>
/// Crash-safe initiation (ARCHITECTURE.md §3): commit the payment with attempt #1 in Sending; then send it and commit
/// Daraja's answer (<see cref="StkPushSender"/>).
/// </summary>
public sealed class InitiatePaymentCommandHandler(
    IPaymentRepository payments,
    StkPushSender sender,
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

        var (sent, pushError) = await sender.SendAsync(payment);
        return new InitiatePaymentResponse(sent.Adapt<PaymentDetails>(mapping), pushError);
    }
}
