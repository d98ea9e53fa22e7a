using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.ListRefundRecords;
using Shield.Domain.Refunds;

namespace Shield.WebApi.OperatorConsole.Pages.Refunds;

/// <summary>Refunds of every client: the approval queue, the Unknown ones to settle, and the rest.</summary>
public sealed class RefundsModel(IMediator mediator) : ConsolePage
{
    public RefundRecordPage Refunds { get; private set; } = new([], 1, ListRefundRecordsQuery.DefaultPageSize, 0);

    public RefundStatus? Status { get; private set; }

    public string? Client { get; private set; }

    public Guid? Payment { get; private set; }

    public async Task OnGetAsync(RefundStatus? status, string? client, Guid? payment, int page = 1)
    {
        (Status, Client, Payment) = (status, client, payment);
        Refunds = await mediator.Send(new ListRefundRecordsQuery(ClientOrNull(client), payment, status, null, null, Math.Max(1, page)), HttpContext.RequestAborted);
    }
}
