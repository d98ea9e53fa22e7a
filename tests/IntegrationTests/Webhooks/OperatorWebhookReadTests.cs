using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Payments.GetReconcilerStatus;
using Shield.Application.Webhooks.Contracts;
using Shield.Application.Webhooks.ListFailingWebhookEndpoints;
using Shield.Application.Webhooks.ListWebhookDeliveries;
using Shield.Application.Webhooks.ListOperatorWebhookEndpoints;
using Shield.Application.Webhooks.RedeliverEvent;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Webhooks;

/// <summary>
/// What an operator's console reads through the host's mediator, across clients: endpoints with how their deliveries
/// go, the failing ones, a payment's deliveries with each attempt's status code, and the reconciler's freshness; never
/// a signing secret.
/// </summary>
public sealed class OperatorWebhookReadTests
{
    private const string OtherKey = "other-client-key";

    [Fact]
    public async Task ListFailingWebhookEndpoints_EndpointAnswering503_IsListedWithItsStatusCode_UntilARedeliveryIsReceived()
    {
        await using var failing = await WebhookReceiver.StartAsync();
        await using var healthy = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(WebhookTests.Settings());
        using var client = app.Client();
        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);
        var broken = await WebhookTests.CreateEndpointAsync(client, failing, "payment.created");
        var fine = await WebhookTests.CreateEndpointAsync(other, healthy, "payment.created");
        failing.Answer(503, 503, 503);

        await client.CreatePaymentAsync(Phones.Next());
        await other.CreatePaymentAsync(Phones.Next());
        await failing.WaitForAsync(r => r.Count >= 3);
        await healthy.WaitForAsync(r => r.Count >= 1);
        var listed = await WaitForAsync(app, new ListFailingWebhookEndpointsQuery(), list => list.Any(e => e.Id == broken.Id && e.Last24Hours.Failed == 1));

        var endpoint = Assert.Single(listed);
        Assert.Equal(broken.Id, endpoint.Id);
        Assert.Equal("demo", endpoint.ClientId);
        Assert.Equal(503, endpoint.LastAttempt!.StatusCode);
        Assert.False(endpoint.LastAttempt.Succeeded);
        Assert.Equal(3, endpoint.ConsecutiveFailures); // the schedule's three attempts, all 503
        Assert.NotNull(endpoint.FailingSince);
        Assert.False(endpoint.Disabled);
        Assert.Equal(new WebhookDeliveryCounts(0, 0, 1), endpoint.Last24Hours);

        var all = await SendAsync(app, new ListOperatorWebhookEndpointsQuery());
        Assert.Equal([broken.Id, fine.Id], all.Select(e => e.Id)); // both clients', by client
        var theirs = Assert.Single(all, e => e.Id == fine.Id);
        Assert.Equal("other", theirs.ClientId);
        Assert.Equal((0, true, 200), (theirs.ConsecutiveFailures, theirs.LastAttempt!.Succeeded, theirs.LastAttempt.StatusCode));
        Assert.Null(theirs.FailingSince);
        Assert.Equal(new WebhookDeliveryCounts(0, 1, 0), theirs.Last24Hours);
        Assert.Equal([fine.Id], (await SendAsync(app, new ListOperatorWebhookEndpointsQuery(new ClientId("other")))).Select(e => e.Id));
        AssertNoSecret(all, broken.Secret, fine.Secret);

        // The console's retry: the existing command, with the client, event and endpoint the read gave.
        var failed = Assert.Single((await SendAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(FailedOnly: true)))).Items);
        Assert.Equal((broken.Id, "demo", 503, 3), (failed.EndpointId, failed.ClientId, failed.LastStatusCode, failed.AttemptCount));
        var redelivered = await SendAsync(app, new RedeliverEventCommand(new ClientId(failed.ClientId), failed.EventId, failed.EndpointId));
        Assert.True(redelivered.IsSuccess);
        await failing.WaitForAsync(r => r.Count >= 4);
        await WaitForAsync(app, new ListFailingWebhookEndpointsQuery(), list => list.Count == 0);
        var received = Assert.Single((await SendAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(EventId: failed.EventId)))).Items);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, received.Status);
        Assert.Equal([503, 503, 503, 200], received.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task ListWebhookDeliveries_OfAPayment_NewestFirst_WithEachAttemptsStatusCodeAndTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(WebhookTests.Settings());
        using var client = app.Client();
        var endpoint = await WebhookTests.CreateEndpointAsync(client, receiver);
        receiver.Answer(500, 503);
        var first = await client.CreatePaymentAsync(Phones.Next());
        await receiver.WaitForAsync(r => r.Count >= 4);

        var later = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        await receiver.WaitForAsync(r => r.Count >= 6);
        var page = await WaitForAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(PaymentId: first.Id)),
            p => p.Items.Count == 2 && p.Items.All(d => d.Status == WebhookDeliveryStatus.Succeeded));

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["payment.completed", "payment.created"], page.Items.Select(d => d.EventType));
        Assert.All(page.Items, d => Assert.Equal((first.Id, endpoint.Id, receiver.Url.ToString(), "demo"), (d.PaymentId, d.EndpointId, d.EndpointUrl, d.ClientId)));
        var created = page.Items[1];
        Assert.Equal([500, 503, 200], created.Attempts.Select(a => a.StatusCode));
        Assert.Equal(3, created.AttemptCount);
        Assert.Equal(200, created.LastStatusCode);
        Assert.True(created.Attempts[0].At <= created.Attempts[1].At && created.Attempts[1].At <= created.Attempts[2].At);
        Assert.Equal(created.Attempts[2].At, created.LastAttemptAt);
        Assert.NotNull(created.DeliveredAt);
        Assert.Null(created.NextAttemptAt);
        AssertNoSecret(page, endpoint.Secret);

        var ofLater = await WaitForAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(PaymentId: later.Id)), p => p.Items.Count == 2 && p.Items.All(d => d.Attempts.Count == 1));
        Assert.Equal(2, ofLater.TotalCount);
        Assert.All(ofLater.Items, d => Assert.Equal([200], d.Attempts.Select(a => a.StatusCode)));
        Assert.Equal(0, (await SendAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(PaymentId: first.Id, FailedOnly: true)))).TotalCount);
        Assert.Equal(0, (await SendAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(ClientId: new ClientId("other"))))).TotalCount);
        var second = await SendAsync(app, new ListWebhookDeliveriesQuery(new WebhookDeliveryFilter(ClientId: new ClientId("demo")), Page: 2, PageSize: 3));
        Assert.Equal((4, 1), (second.TotalCount, second.Items.Count));
        Assert.Equal(first.Id, second.Items[0].PaymentId); // the oldest: the first payment's payment.created
        Assert.Equal("payment.created", second.Items[0].EventType);
    }

    [Fact]
    public async Task GetReconcilerStatus_AfterAPass_ShowsWhenItRanAndThatItSucceeded_AndNullWhenNoneRan()
    {
        await using (var idle = new ShieldApp(WebhookTests.Settings()))
        {
            using var started = idle.Client();
            Assert.Null(await SendAsync(idle, new GetReconcilerStatusQuery()));
        }

        await using var app = new ShieldApp(WebhookTests.Settings(("Reconciliation:Enabled", "true"), ("Reconciliation:Interval", "00:00:00.200")));
        using var client = app.Client();
        var before = DateTimeOffset.UtcNow;
        var status = await WaitForAsync(app, new GetReconcilerStatusQuery(), s => s is not null);

        Assert.NotNull(status);
        Assert.InRange(status.StartedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.True(status.FinishedAt >= status.StartedAt);
        Assert.True(status.Duration >= TimeSpan.Zero && status.Duration <= status.FinishedAt - status.StartedAt + TimeSpan.FromMilliseconds(1));
        Assert.False(status.Failed);
        Assert.Empty(status.FailedParts);
        Assert.Equal(status.FinishedAt, status.LastSucceededAt);
        Assert.Equal(TimeSpan.FromMilliseconds(200), status.Interval);
        var later = await WaitForAsync(app, new GetReconcilerStatusQuery(), s => s!.StartedAt > status.FinishedAt);
        Assert.True(later!.StartedAt > status.StartedAt); // passes keep coming: the status is fresh
    }

    private static void AssertNoSecret<T>(T result, params string[] secrets)
    {
        var json = JsonSerializer.Serialize(result, ShieldApp.Json);
        Assert.DoesNotContain("whsec_", json, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", json, StringComparison.OrdinalIgnoreCase);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret["whsec_".Length..], json, StringComparison.Ordinal);
        }
    }

    private static async Task<T> SendAsync<T>(ShieldApp app, IQuery<T> query)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    private static async Task<T> SendAsync<T>(ShieldApp app, ICommand<T> command)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private static async Task<T> WaitForAsync<T>(ShieldApp app, IQuery<T> query, Func<T, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var result = await SendAsync(app, query);
            if (done(result))
            {
                return result;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{typeof(T).Name} did not show what the test waited for.");
    }
}
