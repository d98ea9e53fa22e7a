using Mediator;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.GetInboundCallback;

/// <summary>Reads the stored callback and, for an STK callback, its body as the callback processor reads it.</summary>
public sealed class GetInboundCallbackQueryHandler(ICallbackInboxReader inbox, IStkCallbackReader stk) : IQueryHandler<GetInboundCallbackQuery, Result<InboundCallbackView>>
{
    public async ValueTask<Result<InboundCallbackView>> Handle(GetInboundCallbackQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await inbox.FindAsync(query.Id, cancellationToken) is not { } callback)
        {
            return CallbackErrors.NotFound(query.Id);
        }

        var success = callback.Kind == CallbackKind.StkCallback && stk.TryRead(callback.Body, out var result)
            && ResultCodes.Classify(result.ResultCode) == StkOutcome.Succeeded && result.Receipt is { } receipt
                ? new StkCallbackSuccess(result.CheckoutRequestId, receipt.Number, receipt.Amount, receipt.PhoneNumber, receipt.PaidAt)
                : null;
        return new InboundCallbackView(callback, success);
    }
}
