using Mediator;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Refunds.ApproveRefund;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.ReadRefundRecord;
using Shield.Application.Refunds.RejectRefund;
using Shield.Application.Refunds.SettleRefund;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.WebApi.OperatorConsole.Pages.Refunds;

/// <summary>One refund: who asked, who approved, what M-Pesa said; approve or reject (Admins), settle an Unknown one.</summary>
public sealed class RefundDetailModel(IMediator mediator, ConsoleActions actions) : ConsolePage
{
    public RefundRecord? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var result = await mediator.Send(new ReadRefundRecordQuery(new RefundId(id)), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return NotFound();
        }

        Record = result.Value;
        return Page();
    }

    [AdminOnly]
    public async Task<IActionResult> OnPostApproveAsync(Guid id)
    {
        Say(await actions.RunAsync("refund.approve", "refund", id.ToString(), ct => mediator.Send(new ApproveRefundCommand(new RefundId(id), Actor), ct)),
            "Approved: the reversal was sent to M-Pesa.");
        return RedirectToPage(new { id });
    }

    [AdminOnly]
    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? note)
    {
        Say(await actions.RunAsync("refund.reject", "refund", id.ToString(), ct => mediator.Send(new RejectRefundCommand(new RefundId(id), Actor, note ?? string.Empty), ct),
            note), "Rejected: nothing was sent.");
        return RedirectToPage(new { id });
    }

    /// <summary>A money decision (settled as not reversed, the payment can be refunded again): an Admin's, like an approval.</summary>
    [AdminOnly]
    public async Task<IActionResult> OnPostSettleAsync(Guid id, bool succeeded, string? receipt, string? note)
    {
        var record = await mediator.Send(new ReadRefundRecordQuery(new RefundId(id)), HttpContext.RequestAborted);
        if (!record.IsSuccess)
        {
            return NotFound();
        }

        Say(await actions.RunAsync("refund.settle", "refund", id.ToString(),
            ct => mediator.Send(new SettleRefundCommand(new ClientId(record.Value.ClientId), new RefundId(id), succeeded, string.IsNullOrWhiteSpace(receipt) ? null : receipt.Trim(),
                note, Actor), ct), note), "Settled.");
        return RedirectToPage(new { id });
    }
}
