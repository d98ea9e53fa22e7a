using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPaymentStats;
using Shield.Application.Payments.GetReconcilerStatus;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.ListFailingWebhookEndpoints;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.OperatorConsole.Pages;

/// <summary>Today, 7 and 30 days at a glance; the daily chart; failures; what waits; the reconciler; failing webhooks.</summary>
public sealed class IndexModel(IMediator mediator, TimeProvider clock) : ConsolePage
{
    private static readonly TimeSpan EastAfrica = TimeSpan.FromHours(3);

    public IReadOnlyList<(string Label, PaymentStats Stats)> Windows { get; private set; } = [];

    public PaymentStats Month { get; private set; } = null!;

    public IReadOnlyList<DailyBar> Days { get; private set; } = [];

    public ReconcilerStatus? Reconciler { get; private set; }

    public bool ReconcilerBehind => Reconciler is { } r && Now - r.FinishedAt > (r.Interval * 3) + TimeSpan.FromMinutes(1);

    public IReadOnlyList<OperatorWebhookEndpoint> FailingEndpoints { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        Now = clock.GetUtcNow();
        var today = new DateTimeOffset(Now.ToOffset(EastAfrica).Date, EastAfrica);
        var day = await mediator.Send(new GetPaymentStatsQuery(today, Now, EastAfrica), cancellationToken);
        var week = await mediator.Send(new GetPaymentStatsQuery(today.AddDays(-6), Now, EastAfrica), cancellationToken);
        Month = await mediator.Send(new GetPaymentStatsQuery(today.AddDays(-29), Now, EastAfrica), cancellationToken);
        Windows = [("Today", day), ("Last 7 days", week), ("Last 30 days", Month)];
        Days = [.. Month.Days.Select(d => new DailyBar(d.Date, d.CompletedCount, d.FailedCount, d.CollectedAmount))];
        Reconciler = await mediator.Send(new GetReconcilerStatusQuery(), cancellationToken);
        FailingEndpoints = await mediator.Send(new ListFailingWebhookEndpointsQuery(), cancellationToken);
    }

    public static string Describe(PendingAge age) => age switch
    {
        PendingAge.UnderOneMinute => "under 1 minute",
        PendingAge.OneToFiveMinutes => "1 to 5 minutes",
        PendingAge.FiveToThirtyMinutes => "5 to 30 minutes",
        PendingAge.ThirtyMinutesToOneDay => "30 minutes to a day",
        _ => "over a day",
    };
}
