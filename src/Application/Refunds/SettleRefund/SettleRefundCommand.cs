using FluentValidation;
using Mediator;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.SettleRefund;

/// <summary>
/// A person who checked the business's M-Pesa statement settles a refund whose outcome is Unknown
/// (<see cref="Refund.Settle"/>); who did it is recorded with the refund.
/// </summary>
/// <param name="ClientId">The client whose refund it is (another client's is not found).</param>
/// <param name="RefundId">The refund.</param>
/// <param name="Succeeded">True: the statement shows the reversal; false: it does not.</param>
/// <param name="ReversalReceiptNumber">The reversal's receipt on the statement, when it succeeded.</param>
/// <param name="Note">What was checked, in the person's words.</param>
/// <param name="SettledBy">Who: <c>client:{id}</c> through the API, the operator's name through the console.</param>
public sealed record SettleRefundCommand(ClientId ClientId, RefundId RefundId, bool? Succeeded, string? ReversalReceiptNumber, string? Note, string SettledBy)
    : ICommand<Result<RefundOutcome>>;

public sealed class SettleRefundCommandHandler(RefundWriter writer) : ICommandHandler<SettleRefundCommand, Result<RefundOutcome>>
{
    public async ValueTask<Result<RefundOutcome>> Handle(SettleRefundCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var settled = await writer.ChangeAsync(command.ClientId, command.RefundId,
            (refund, now) => refund.Settle(command.Succeeded!.Value, command.ReversalReceiptNumber, command.SettledBy, command.Note, now), cancellationToken);
        return settled.IsFailure ? settled.Error! : new RefundOutcome(writer.Details(settled.Value));
    }
}

public sealed class SettleRefundCommandValidator : AbstractValidator<SettleRefundCommand>
{
    public const int MaxNoteLength = 500;

    public SettleRefundCommandValidator()
    {
        RuleFor(c => c.Succeeded).NotNull().WithMessage("Say whether the statement shows the reversal: succeeded true or false.");
        RuleFor(c => c.Note).Must(n => n?.Trim() is { Length: >= 1 and <= MaxNoteLength })
            .WithMessage($"Say what was checked, in 1 to {MaxNoteLength} characters.");
        RuleFor(c => c.ReversalReceiptNumber).Must(r => r is null || (r.Length is >= 1 and <= 32 && r.All(char.IsAsciiLetterOrDigit)))
            .WithMessage("The reversal's receipt is up to 32 letters and digits, as on the M-Pesa statement.");
        RuleFor(c => c.ReversalReceiptNumber).Null().When(c => c.Succeeded == false)
            .WithMessage("A refund that did not happen has no reversal receipt.");
    }
}
