using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.InitiatePayment;

/// <summary>
/// Crash-safe initiation (ARCHITECTURE.md §3): store the payment with attempt #1 in Sending, then send it and record
/// Daraja's answer (<see cref="StkPushSender"/>). A repeated Idempotency-Key is answered from its first request.
/// </summary>
public sealed class InitiatePaymentCommandHandler(
    IPaymentRepository payments,
    PaymentWriter writer,
    StkPushSender sender,
    IPushRateLimiter pushLimiter,
    TimeProvider clock) : ICommandHandler<InitiatePaymentCommand, Result<PaymentOutcome>>
{
    public async ValueTask<Result<PaymentOutcome>> Handle(InitiatePaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = new PaymentRequest(Msisdn.Parse(command.PhoneNumber!), new Amount((int)command.Amount!.Value),
            AccountReference.Parse(command.AccountReference!), command.Description is null ? Description.Default : Description.Parse(command.Description));

        // A repeated key is answered without touching the phone's push budget. (Only a shortcut: the unique index is the guarantee.)
        if (await ReplayAsync(command, request, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        if (await pushLimiter.AcquireAsync(request.PhoneNumber, cancellationToken) is { IsGranted: false } refused)
        {
            return PushLimits.TooManyPushes(refused.RetryAfter);
        }

        var payment = Payment.Initiate(PaymentId.New(), command.ClientId, command.IdempotencyKey, request.PhoneNumber, request.Amount,
            request.AccountReference, request.Description, clock.GetUtcNow());
        var created = await writer.CreateAsync(payment, cancellationToken);
        return created switch
        {
            { IsSuccess: true } => await sender.SendAsync(created.Value),
            { Error.Code: PaymentErrors.IdempotencyKeyInUseCode } => await ReplayAsync(command, request, cancellationToken) ?? created.Error,
            _ => created.Error!,
        };
    }

    /// <summary>The first request's payment and outcome for a repeated key (never a second push), or null when the key is new.</summary>
    private async Task<Result<PaymentOutcome>?> ReplayAsync(InitiatePaymentCommand command, PaymentRequest request, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is not { } key || await payments.FindByIdempotencyKeyAsync(command.ClientId, key, cancellationToken) is not { } original)
        {
            return null;
        }

        return request.Replays(original) is { Error: { } refused }
            ? refused
            : writer.Outcome(original, MpesaErrors.ForPushOf(original.Attempts[0]), replayed: true);
    }
}
