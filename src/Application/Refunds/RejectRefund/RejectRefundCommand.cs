using FluentValidation;
using Mediator;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.RejectRefund;

/// <summary>
/// An operator rejects a refund held for approval (whichever client's it is): it fails with <c>refund_rejected</c>, its
/// payment's open slot is released, nothing is ever sent, and refund.failed is published (<see cref="Refund.Reject"/>).
/// Refused <c>refund_not_awaiting_approval</c> once approved or rejected.
/// </summary>
/// <param name="RefundId">The refund.</param>
/// <param name="RejectedBy">Who rejects: the operator's name (the requester may withdraw their own request).</param>
/// <param name="Note">Why, in the person's words: kept with the refund (RefundRecord.RejectionNote).</param>
public sealed record RejectRefundCommand(RefundId RefundId, string RejectedBy, string Note) : ICommand<Result<RefundOutcome>>;

public sealed class RejectRefundCommandHandler(RefundWriter writer) : ICommandHandler<RejectRefundCommand, Result<RefundOutcome>>
{
    public async ValueTask<Result<RefundOutcome>> Handle(RejectRefundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var rejected = await writer.ChangeAnyClientsAsync(command.RefundId,
            (refund, now) => refund.Reject(command.RejectedBy.Trim(), command.Note.Trim(), now), cancellationToken);
        return rejected.IsFailure ? rejected.Error! : new RefundOutcome(writer.Details(rejected.Value));
    }
}

public sealed class RejectRefundCommandValidator : AbstractValidator<RejectRefundCommand>
{
    public RejectRefundCommandValidator()
    {
        RuleFor(c => c.RejectedBy).Must(by => by?.Trim() is { Length: >= 1 and <= Refund.MaxActorLength })
            .WithMessage($"Who rejects it is 1 to {Refund.MaxActorLength} characters.");
        RuleFor(c => c.Note).Must(n => n?.Trim() is { Length: >= 1 and <= Refund.MaxNoteLength })
            .WithMessage($"Say why it is rejected, in 1 to {Refund.MaxNoteLength} characters.");
    }
}
