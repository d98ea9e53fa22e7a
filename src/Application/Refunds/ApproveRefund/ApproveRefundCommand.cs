using FluentValidation;
using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.ApproveRefund;

/// <summary>
/// An operator approves a refund held for approval (the console's maker-checker, whichever client's it is): it becomes
/// Pending and its reversal is sent once, as a direct request's is (<see cref="Refund.Approve"/>). Refused
/// <c>refund_approval_by_requester</c> for the person who requested it, <c>refund_not_awaiting_approval</c> once approved
/// or rejected (so of concurrent approvals one sends), <c>refunds_disabled</c> when refunds were turned off meanwhile.
/// </summary>
/// <param name="RefundId">The refund.</param>
/// <param name="ApprovedBy">Who approves: the operator's name (e.g. <c>operator:alice</c>); never the requester.</param>
public sealed record ApproveRefundCommand(RefundId RefundId, string ApprovedBy) : ICommand<Result<RefundOutcome>>;

public sealed class ApproveRefundCommandValidator : AbstractValidator<ApproveRefundCommand>
{
    public ApproveRefundCommandValidator() =>
        RuleFor(c => c.ApprovedBy).Must(by => by?.Trim() is { Length: >= 1 and <= Refund.MaxActorLength })
            .WithMessage($"Who approves it is 1 to {Refund.MaxActorLength} characters.");
}
