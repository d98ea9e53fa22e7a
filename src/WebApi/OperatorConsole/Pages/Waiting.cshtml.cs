using Mediator;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.ListWaitingPayments;
using Shield.Application.Payments.VerifyPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.WebApi.OperatorConsole.Pages;

public sealed class WaitingModel(IMediator mediator, ConsoleActions actions, TimeProvider clock) : ConsolePage
{
    public WaitingPaymentPage Waiting { get; private set; } = new([], 1, 20, 0);

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(int page = 1)
    {
        Now = clock.GetUtcNow();
        Waiting = await mediator.Send(new ListWaitingPaymentsQuery(Math.Max(1, page)), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostVerifyAsync(string clientId, Guid paymentId)
    {
        Say(await actions.RunAsync("payment.verify", "payment", paymentId.ToString(),
            ct => mediator.Send(new VerifyPaymentCommand(new ClientId(clientId), new PaymentId(paymentId)), ct)),
            "Asked Safaricom: see the payment's timeline for the answer.");
        return RedirectToPage();
    }
}
