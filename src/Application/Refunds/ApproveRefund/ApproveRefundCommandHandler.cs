using Mediator;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ApproveRefund;

/// <summary>
/// Approves in one commit (the refund's version is its concurrency token: a second approver saved later decides again
/// on the refund as it now stands, Pending, and is refused), then sends the reversal once outside any transaction and
/// records Daraja's answer (<see cref="ReversalSender"/>), as a direct request does. The sum rule is checked again first:
/// another refund of the payment may have succeeded (a late result) while this one waited.
/// </summary>
public sealed class ApproveRefundCommandHandler(
    IRefundRepository refunds,
    IPaymentDetailsReader payments,
    RefundWriter writer,
    ReversalSender sender,
    IOptions<RefundOptions> options) : ICommandHandler<ApproveRefundCommand, Result<RefundOutcome>>
{
    public async ValueTask<Result<RefundOutcome>> Handle(ApproveRefundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await refunds.FindAsync(command.RefundId, cancellationToken) is not { } waiting)
        {
            return RefundErrors.NotFound(command.RefundId);
        }

        if (waiting.Status != RefundStatus.AwaitingApproval)
        {
            return RefundErrors.NotAwaitingApproval(waiting.Status);
        }

        if (!options.Value.Enabled)
        {
            return RefundErrors.Disabled();
        }

        var payment = await payments.FindAsync(waiting.ClientId, waiting.PaymentId, cancellationToken);
        var refunded = await refunds.RefundedAmountAsync(waiting.PaymentId, cancellationToken);
        if (payment is not null && refunded + waiting.Amount > payment.Amount)
        {
            var withdrawn = await writer.RecordAsync(waiting.Id, (refund, at) => refund.WithdrawBeforeSending(ReversalCatalogue.ExceedsPayment(), at));
            return withdrawn.IsFailure ? withdrawn.Error! : RefundErrors.ExceedsPayment(waiting.Amount, Math.Max(0, payment.Amount - refunded));
        }

        var approved = await writer.ChangeAnyClientsAsync(command.RefundId, (refund, now) => refund.Approve(command.ApprovedBy.Trim(), now), cancellationToken);
        if (approved.IsFailure)
        {
            return approved.Error!;
        }

        // Committed Pending: sent whatever happens to the operator's request now.
        return new RefundOutcome(writer.Details(await sender.SendAsync(approved.Value)));
    }
}
