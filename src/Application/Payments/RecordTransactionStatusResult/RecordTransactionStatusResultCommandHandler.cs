using Mediator;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.RecordStkCallback;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Callbacks;

namespace Shield.Application.Payments.RecordTransactionStatusResult;

/// <summary>Stores the raw answer first, then records it on its payment as the payment's verification.</summary>
public sealed class RecordTransactionStatusResultCommandHandler(
    IPaymentRepository payments,
    ICallbackInbox inbox,
    ITransactionStatusResultReader reader,
    TimeProvider clock) : ICommandHandler<RecordTransactionStatusResultCommand, RecordStkCallbackResponse>
{
    private const int MaxRounds = 5;

    public async ValueTask<RecordStkCallbackResponse> Handle(RecordTransactionStatusResultCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var kind = command.TimedOut ? CallbackKind.TransactionStatusTimeout : CallbackKind.TransactionStatusResult;
        var received = clock.GetUtcNow();
        var callback = InboundCallback.Receive(kind, command.Body, command.RemoteAddress, received);
        await inbox.StoreAsync(callback, command.FromAllowedSource, payments.UnitOfWork, received);
        if (!command.FromAllowedSource)
        {
            return new RecordStkCallbackResponse(callback.Id, callback.Outcome);
        }

        if (!reader.TryRead(command.Body, command.TimedOut, out var report))
        {
            callback.MarkMalformed(clock.GetUtcNow());
            await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);
            return new RecordStkCallbackResponse(callback.Id, callback.Outcome);
        }

        for (var round = 1; ; round++)
        {
            var entry = round == 1 ? callback : await inbox.FindAsync(callback.Id, CancellationToken.None) ?? callback;
            var payment = await payments.FirstOrDefaultAsync(
                new PaymentByVerificationSpec(report.ConversationId, report.OriginatorConversationId, report.ReceiptNumber), CancellationToken.None);
            var now = clock.GetUtcNow();
            if (payment is null)
            {
                entry.MarkUnmatched(now);
            }
            else
            {
                payment.RecordVerification(report, now);
                entry.MarkApplied(payment.Id, now);
            }

            try
            {
                await payments.UnitOfWork.SaveChangesAsync(CancellationToken.None);
                return new RecordStkCallbackResponse(entry.Id, entry.Outcome);
            }
            catch (ConcurrencyConflictException) when (round < MaxRounds)
            {
                payments.UnitOfWork.DiscardChanges();
            }
        }
    }
}
