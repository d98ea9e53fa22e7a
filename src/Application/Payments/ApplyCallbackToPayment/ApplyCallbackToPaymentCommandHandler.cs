using Mediator;
using Microsoft.Extensions.Logging;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ApplyCallbackToPayment;

/// <summary>
/// What the reconciler's stray-callback matcher does when it matches a success by phone and amount
/// (<see cref="ReconcilePendingAttempts.StrayCallbackMatcher"/>), with the operator's choice as the match: the callback's
/// CheckoutRequestID is attached to the chosen payment's latest attempt whose push answer was lost
/// (<see cref="Payment.AttachCheckoutRequestId"/>), then the callback is processed as any callback is
/// (<see cref="CallbackProcessor"/>: amount, phone and receipt checked; its outcome recorded in the same commit). A
/// payment whose every push has its own CheckoutRequestID cannot take it: Shield never creates an attempt for a push it
/// did not send. The callback's outcome is its row's concurrency token, so a second apply finds it no longer Unmatched.
/// </summary>
public sealed partial class ApplyCallbackToPaymentCommandHandler(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    IStkCallbackReader reader,
    PaymentWriter writer,
    CallbackProcessor callbacks,
    ILogger<ApplyCallbackToPaymentCommandHandler> logger) : ICommandHandler<ApplyCallbackToPaymentCommand, Result<CallbackAppliedToPayment>>
{
    public async ValueTask<Result<CallbackAppliedToPayment>> Handle(ApplyCallbackToPaymentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await inbox.FindAsync(command.CallbackId, cancellationToken) is not { } callback)
        {
            return CallbackErrors.NotFound(command.CallbackId);
        }

        if (callback.Outcome != CallbackOutcome.Unmatched)
        {
            return CallbackErrors.NotUnmatched(callback.Outcome);
        }

        if (callback.Kind != CallbackKind.StkCallback || !reader.TryRead(callback.Body, out var result)
            || ResultCodes.Classify(result.ResultCode) != StkOutcome.Succeeded || result.Receipt is null)
        {
            return CallbackErrors.NotASuccess();
        }

        var attached = await AttachAsync(command.PaymentId, result.CheckoutRequestId, callback.ReceivedAt, cancellationToken);
        if (attached.Error is { } refused)
        {
            return refused;
        }

        // From here on it is Safaricom's fact being recorded, as for any callback: not cancelled.
        var processed = await callbacks.ProcessAsync(callback, result);
        if (processed.Payment is not { } payment || processed.Callback.Outcome == CallbackOutcome.Unmatched)
        {
            return CallbackErrors.NotUnmatched(processed.Callback.Outcome); // another writer recorded it meanwhile
        }

        if (payment.Id != command.PaymentId)
        {
            return CallbackErrors.MatchedElsewhere(payment.Id);
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            // Daraja's CheckoutRequestIDs end with the customer's number: logged masked.
            var checkoutRequestId = Msisdn.MaskIn(result.CheckoutRequestId);
            LogApplied(logger, callback.Id, command.AppliedBy, payment.Id.Value, attached.Value, processed.Callback.Outcome, checkoutRequestId);
        }

        return new CallbackAppliedToPayment(callback.Id, processed.Callback.Outcome, attached.Value, writer.Outcome(payment).Payment);
    }

    /// <summary>
    /// Attaches the CheckoutRequestID to the payment's latest attempt awaiting one, and returns that attempt's number;
    /// when the payment already holds it (an apply that stopped after this step), the attempt that holds it.
    /// </summary>
    private async Task<Result<int>> AttachAsync(PaymentId paymentId, string checkoutRequestId, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (await payments.FindByCheckoutRequestIdAsync(checkoutRequestId, cancellationToken) is { } holder)
        {
            return holder.Id == paymentId
                ? holder.Attempts.First(a => a.CheckoutRequestId == checkoutRequestId).Number
                : CallbackErrors.MatchedElsewhere(holder.Id);
        }

        var number = 0;
        try
        {
            var changed = await writer.ChangeAsync(PaymentLookup.Of(paymentId), (payment, now) =>
            {
                if (payment.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId) is not { } latest)
                {
                    return CallbackErrors.NoAttemptAwaitsCallback(payment.Id);
                }

                // A success answers a push made before it was received: the latest such attempt still awaiting its
                // CheckoutRequestID takes it. None made before it means it answers an earlier push (perhaps another
                // payment's): applied here, it would pay today's payment with yesterday's money.
                if (payment.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId && a.CreatedAt <= receivedAt) is not { } attempt)
                {
                    return CallbackErrors.ReceivedBeforeAttempt(payment.Id, latest.Number);
                }

                number = attempt.Number;
                return payment.AttachCheckoutRequestId(attempt.Number, checkoutRequestId, now);
            }, cancellationToken);
            return changed.IsSuccess ? number : changed.Error!;
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key == UniqueKey.CheckoutRequestId)
        {
            // Its push answer, or another apply, gave the CheckoutRequestID to an attempt first: that attempt's payment has it.
            payments.UnitOfWork.DiscardChanges();
            return await payments.FindByCheckoutRequestIdAsync(checkoutRequestId, cancellationToken) is { } winner && winner.Id != paymentId
                ? CallbackErrors.MatchedElsewhere(winner.Id)
                : CallbackErrors.NotUnmatched(CallbackOutcome.Unmatched);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Callback {CallbackId} applied by {AppliedBy} to payment {PaymentId}, attempt {AttemptNumber}: {Outcome} (CheckoutRequestID {CheckoutRequestId})")]
    private static partial void LogApplied(ILogger logger, Guid callbackId, string appliedBy, Guid paymentId, int attemptNumber, CallbackOutcome outcome,
        string checkoutRequestId);
}
