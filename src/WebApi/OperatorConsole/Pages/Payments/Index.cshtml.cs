using Mediator;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.SearchPayments;

namespace Shield.WebApi.OperatorConsole.Pages.Payments;

/// <summary>Find payments of every client by phone (any format), receipt, reference, id, status, client and dates.</summary>
public sealed class PaymentsModel(IMediator mediator) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public PaymentSearchForm Search { get; set; } = new();

    public PaymentSearchPage Results { get; private set; } = new([], 1, 20, 0);

    public async Task OnGetAsync(int page = 1)
    {
        if (Search.Problem is null)
        {
            Results = await mediator.Send(new SearchPaymentsQuery(Search.Criteria(), Math.Max(1, page)), HttpContext.RequestAborted);
        }
    }
}
