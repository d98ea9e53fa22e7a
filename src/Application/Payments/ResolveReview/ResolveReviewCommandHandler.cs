using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ResolveReview;

/// <summary>The write pipeline, once: load the client's payment, let the domain resolve its review, save (with its event).</summary>
public sealed class ResolveReviewCommandHandler(PaymentWriter writer) : ICommandHandler<ResolveReviewCommand, Result<PaymentOutcome>>
{
    public async ValueTask<Result<PaymentOutcome>> Handle(ResolveReviewCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var resolved = await writer.ChangeAsync(PaymentLookup.ForClient(command.ClientId, command.PaymentId),
            (payment, now) => Review.Resolve(payment, ReviewReason.FromCode(command.Reason!), command.ResolvedBy, command.Note!, now), cancellationToken);
        return resolved.IsSuccess ? writer.Outcome(resolved.Value) : resolved.Error!;
    }
}
