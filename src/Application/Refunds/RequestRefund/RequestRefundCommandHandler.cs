using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.RequestRefund;

/// <summary>
/// Crash-safe refunding, as initiation is: store the refund Pending (the database allows one open refund per payment and
/// one refund per Idempotency-Key), then send the reversal once and record Daraja's answer (<see cref="ReversalSender"/>).
/// A repeated Idempotency-Key is answered from its first request, and never sends a second reversal. A request that
/// requires approval is stored AwaitingApproval (holding the payment's open slot, counted in the daily limit) and nothing
/// is sent: <c>ApproveRefundCommand</c> sends it.
/// </summary>
public sealed class RequestRefundCommandHandler(
    IRefundRepository refunds,
    IPaymentDetailsReader payments,
    RefundWriter writer,
    ReversalSender sender,
    IOptions<RefundOptions> options,
    TimeProvider clock) : ICommandHandler<RequestRefundCommand, Result<RefundOutcome>>
{
    /// <summary>Kenya's time: the day a client's refunds are counted in.</summary>
    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);

    public async ValueTask<Result<RefundOutcome>> Handle(RequestRefundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settings = options.Value;
        var reason = RefundReason.From(command.Reason!);
        if (await ReplayAsync(command, reason, cancellationToken) is { } replayed)
        {
            return replayed; // what was done is answered even after refunds were turned off
        }

        if (!settings.Enabled)
        {
            return RefundErrors.Disabled();
        }

        if (await payments.FindAsync(command.ClientId, command.PaymentId, cancellationToken) is not { } payment)
        {
            return RefundErrors.PaymentNotFound(command.PaymentId);
        }

        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.ToOffset(EastAfricaTime).Date, EastAfricaTime).ToUniversalTime(); // PostgreSQL takes UTC only
        if (await refunds.CountRequestedSinceAsync(command.ClientId, today, cancellationToken) >= settings.MaxPerClientPerDay)
        {
            return RefundErrors.DailyLimitReached(settings.MaxPerClientPerDay, (int)Math.Ceiling((today.AddDays(1) - now).TotalSeconds));
        }

        var refundable = new RefundablePayment(command.PaymentId, payment.Status, payment.Amount, payment.MpesaReceiptNumber,
            await refunds.RefundedAmountAsync(command.PaymentId, cancellationToken));
        var requested = Refund.Request(RefundId.New(), command.ClientId, refundable, (int?)command.Amount, reason, command.IdempotencyKey,
            settings.AllowPartial, now, command.RequestedBy, command.RequiresApproval);
        if (requested.IsFailure)
        {
            return requested.Error!;
        }

        var created = await writer.CreateAsync(requested.Value, cancellationToken);
        if (created.IsFailure)
        {
            return created.Error!.Code == RefundErrors.IdempotencyKeyInUse().Code
                ? await ReplayAsync(command, reason, cancellationToken) ?? created.Error
                : created.Error;
        }

        // Checked again now that this refund is the payment's only open one: a refund that was open when the amounts were
        // read may have succeeded just before this one was stored. (A settled refund can still turn Succeeded by a late
        // result; that one is flagged for a person, succeeded_after_failure.) Withdrawn, it is Failed and never sent; a
        // replay of its key answers it so.
        var refunded = await refunds.RefundedAmountAsync(command.PaymentId, CancellationToken.None);
        if (refunded + created.Value.Amount > payment.Amount)
        {
            var withdrawn = await writer.RecordAsync(created.Value.Id, (refund, at) => refund.WithdrawBeforeSending(ReversalCatalogue.ExceedsPayment(), at));
            return withdrawn.IsFailure ? withdrawn.Error! : RefundErrors.ExceedsPayment(created.Value.Amount, Math.Max(0, payment.Amount - refunded));
        }

        return command.RequiresApproval
            ? new RefundOutcome(writer.Details(created.Value)) // held: sent only once someone else approves it
            : new RefundOutcome(writer.Details(await sender.SendAsync(created.Value)));
    }

    /// <summary>The first request's refund for a repeated key (never a second reversal), or null when the key is new.</summary>
    private async Task<Result<RefundOutcome>?> ReplayAsync(RequestRefundCommand command, RefundReason reason, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is not { } key || await refunds.FindByIdempotencyKeyAsync(command.ClientId, key, cancellationToken) is not { } original)
        {
            return null;
        }

        var differ = new List<string>();
        if (original.PaymentId != command.PaymentId)
        {
            differ.Add("paymentId");
        }

        if (command.Amount is { } amount && amount != original.Amount)
        {
            differ.Add("amount");
        }

        if (reason.Value != original.Reason.Value)
        {
            differ.Add("reason");
        }

        return differ.Count > 0 ? RefundErrors.IdempotencyKeyReused(differ) : new RefundOutcome(writer.Details(original), Replayed: true);
    }
}
