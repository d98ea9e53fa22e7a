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

    /// <summary>What the search's rules refused (a receipt or reference no payment can have), or null.</summary>
    public string? Invalid { get; private set; }

    public async Task OnGetAsync(int page = 1)
    {
        if (Search.Problem is null)
        {
            try
            {
                Results = await mediator.Send(new SearchPaymentsQuery(Search.Criteria(), Math.Max(1, page)), HttpContext.RequestAborted);
            }
            catch (FluentValidation.ValidationException exception)
            {
                Invalid = string.Join(" ", exception.Errors.Select(e => e.ErrorMessage).Distinct());
            }
        }
    }
}
