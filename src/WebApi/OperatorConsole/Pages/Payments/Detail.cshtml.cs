using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Application.OperatorConsole.ListAudit;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPaymentRecord;
using Shield.Application.Payments.ResolveReview;
using Shield.Application.Payments.RetryPayment;
using Shield.Application.Payments.VerifyPayment;
using Shield.Application.Refunds.ListRefundRecords;
using Shield.Application.Refunds.RequestRefund;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.ListWebhookDeliveries;
using Shield.Domain.Common;
using Shield.Domain.OperatorConsole;
using Shield.Domain.Payments;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.OperatorConsole.Pages.Payments;

/// <summary>One payment's whole story, and what an operator can do about it: verify, retry, refund, resolve.</summary>
public sealed class PaymentDetailModel(IMediator mediator, ConsoleActions actions, IOptions<ConsoleOptions> options) : ConsolePage
{
    public PaymentRecord? Record { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>The full number, only on the page an Admin asked for it (audited).</summary>
    public string? RevealedPhone { get; private set; }

    public bool ApprovalRequired => options.Value.RefundApproval;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    [AdminOnly]
    public async Task<IActionResult> OnPostRevealAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await actions.AuditAsync("phone.reveal", "payment", id.ToString(), AuditOutcome.Succeeded, null);
        RevealedPhone = Record!.Payment.PhoneNumber;
        return Page();
    }

    public async Task<IActionResult> OnPostVerifyAsync(Guid id) =>
        await ActAsync(id, "payment.verify", null, (client, ct) => mediator.Send(new VerifyPaymentCommand(client, new PaymentId(id)), ct),
            "Asked Safaricom: the answer is on the timeline (a Transaction Status answer arrives a little later).");

    public async Task<IActionResult> OnPostRetryAsync(Guid id, bool acknowledgeUnknown = false) =>
        await ActAsync(id, "payment.retry", acknowledgeUnknown ? "outcome unknown acknowledged" : null,
            (client, ct) => mediator.Send(new RetryPaymentCommand(client, new PaymentId(id), acknowledgeUnknown), ct), "A new attempt was started: the customer gets a new prompt.");

    public async Task<IActionResult> OnPostResolveAsync(Guid id, string? reason, string? note) =>
        await ActAsync(id, "payment.review.resolve", note,
            (client, ct) => mediator.Send(new ResolveReviewCommand(client, new PaymentId(id), reason, note, Actor), ct), "The review is resolved.");

    public async Task<IActionResult> OnPostRefundAsync(Guid id, long? amount, string? reason, string? key)
    {
        var record = await FindAsync(id);
        if (record is null)
        {
            return NotFound();
        }

        var outcome = await actions.RunAsync("refund.request", "payment", id.ToString(),
            ct => mediator.Send(new RequestRefundCommand(new ClientId(record.ClientId), new PaymentId(id), amount, reason, key is { Length: > 0 } ? "console:" + key : null,
                Actor, ApprovalRequired), ct), reason);
        Say(outcome, ApprovalRequired ? "The refund is waiting for an Admin's approval: nothing is sent before." : "The refund was sent to M-Pesa.");
        return outcome.Value is { } refund ? Redirect($"{ConsoleSetup.PathBase}/refunds/{refund.Refund.Id}") : RedirectToPage(new { id });
    }

    private async Task<IActionResult> ActAsync<T>(Guid id, string action, string? note, Func<ClientId, CancellationToken, ValueTask<Result<T>>> send, string done)
    {
        var record = await FindAsync(id);
        if (record is null)
        {
            return NotFound();
        }

        Say(await actions.RunAsync(action, "payment", id.ToString(), ct => send(new ClientId(record.ClientId), ct), note), done);
        return RedirectToPage(new { id });
    }

    private async Task<PaymentRecord?> FindAsync(Guid id)
    {
        var result = await mediator.Send(new GetPaymentRecordQuery(new PaymentId(id)), HttpContext.RequestAborted);
        return result.IsSuccess ? result.Value : null;
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        Record = await FindAsync(id);
        if (Record is null)
        {
            return false;
        }

        var cancellationToken = HttpContext.RequestAborted;
        var deliveries = await mediator.Send(new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(PaymentId: id), 1, ListWebhookDeliveriesQuery.MaxPageSize), cancellationToken);
        var refunds = await mediator.Send(new ListRefundRecordsQuery(null, id, null, null, null, 1, ListRefundRecordsQuery.MaxPageSize), cancellationToken);
        var audit = await mediator.Send(new ListAuditEntriesQuery(new AuditFilter(ObjectType: "payment", ObjectId: id.ToString()), 1, ListAuditEntriesQuery.MaxPageSize),
            cancellationToken);
        Timeline = PaymentTimeline.Build(Record, deliveries.Items, refunds.Items, audit.Entries);
        return true;
    }
}
