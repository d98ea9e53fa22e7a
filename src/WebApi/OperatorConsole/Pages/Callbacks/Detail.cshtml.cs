using Mediator;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Payments.ApplyCallbackToPayment;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetInboundCallback;
using Shield.Application.Payments.GetPaymentRecord;
using Shield.Domain.Payments;

namespace Shield.WebApi.OperatorConsole.Pages.Callbacks;

/// <summary>
/// One stored callback, its body with phones masked, and, for an unmatched success, applying it to a chosen payment
/// after a side-by-side comparison. Applying goes through the same domain rules as a callback (the module's command).
/// </summary>
public sealed class CallbackDetailModel(IMediator mediator, ConsoleActions actions) : ConsolePage
{
    public InboundCallbackView? View { get; private set; }

    public PaymentRecord? Candidate { get; private set; }

    public string? PaymentIdText { get; private set; }

    public IReadOnlyList<string> Differences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? payment)
    {
        var view = await mediator.Send(new GetInboundCallbackQuery(id), HttpContext.RequestAborted);
        if (!view.IsSuccess)
        {
            return NotFound();
        }

        View = view.Value;
        PaymentIdText = payment;
        if (payment is { Length: > 0 })
        {
            if (!Guid.TryParse(payment.Trim(), out var paymentId)
                || await mediator.Send(new GetPaymentRecordQuery(new PaymentId(paymentId)), HttpContext.RequestAborted) is not { IsSuccess: true } record)
            {
                Problem = "No payment has that id.";
                return Page();
            }

            Candidate = record.Value;
            Differences = Compare(View.Success, View.Callback.ReceivedAt, Candidate.Payment);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid id, Guid payment)
    {
        var outcome = await actions.RunAsync("callback.apply", "callback", id.ToString(),
            ct => mediator.Send(new ApplyCallbackToPaymentCommand(id, new PaymentId(payment), Actor), ct), $"to payment {payment}");
        Say(outcome, outcome.Value is { } applied ? $"Applied to attempt {applied.AttemptNumber}: the payment is {applied.Payment.Status}." : string.Empty);
        if (outcome.Succeeded)
        {
            await actions.AuditAsync("callback.apply", "payment", payment.ToString(), Domain.OperatorConsole.AuditOutcome.Succeeded, $"callback {id}");
            return Redirect($"{ConsoleSetup.PathBase}/payments/{payment}");
        }

        return RedirectToPage(new { id, payment });
    }

    private static List<string> Compare(StkCallbackSuccess? success, DateTimeOffset receivedAt, PaymentDetails payment)
    {
        var differences = new List<string>();
        if (success is null)
        {
            return differences;
        }

        if (success.Amount != payment.Amount)
        {
            differences.Add("the amount");
        }

        if (!Msisdn.TryParse(success.PhoneNumber, out var phone) || phone.Value != payment.PhoneNumber)
        {
            differences.Add("the phone number");
        }

        if (receivedAt < payment.CreatedAt)
        {
            differences.Add("the callback arrived before the payment was made (it answers an earlier push)");
        }

        if (payment.MpesaReceiptNumber is { } receipt && receipt != success.ReceiptNumber)
        {
            differences.Add("the payment already has another receipt");
        }

        return differences;
    }
}
