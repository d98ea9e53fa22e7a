using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Refunds.ApproveRefund;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.ReadRefundRecord;
using Shield.Application.Refunds.ListRefundRecords;
using Shield.Application.Refunds.RejectRefund;
using Shield.Application.Refunds.RequestRefund;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Refunds;

/// <summary>
/// The console's maker-checker through the real host's mediator (the commands its pages send), against a scriptable
/// Daraja that counts reversal requests: nothing is sent before a second person approves, exactly one after.
/// </summary>
public sealed class RefundApprovalTests
{
    private const string Maker = "operator:alice";
    private const string Checker = "operator:bob";
    private const string OtherKey = "other-client-key-for-approval-tests";
    private static readonly ClientId Demo = new("demo");
    private static int _receipts = Random.Shared.Next(100_000, 900_000);

    [Fact]
    public async Task RequestForApproval_NothingIsSentUntilAnotherPersonApproves_ThenExactlyOnce()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        var client = app.Client();
        var payment = await PaidAsync(client);

        var requested = (await SendAsync(app, RequestForApproval(payment))).Must().Refund;
        await Task.Delay(TimeSpan.FromSeconds(3)); // several reconciler passes, each past Refunds:VerifyAfter

        Assert.Equal(RefundStatus.AwaitingApproval, requested.Status);
        Assert.Equal(0, daraja.Reversals);
        var held = await client.GetRefundAsync(requested.Id);
        Assert.Equal((RefundStatus.AwaitingApproval, (string?)null), (held.Status, held.ReviewReason));
        using (var raw = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/v1/refunds/{requested.Id}", UriKind.Relative))))
        {
            Assert.Equal("AwaitingApproval", raw.RootElement.GetProperty("status").GetString());
        }

        using (var second = await client.PostRefundAsync(payment))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
            Assert.Equal("refund_in_progress", await RefundsApi.ProblemCodeAsync(second));
        }

        var byMaker = await SendAsync(app, new ApproveRefundCommand(new RefundId(requested.Id), "Operator:Alice"));
        Assert.Equal("refund_approval_by_requester", byMaker.Error?.Code);
        Assert.Equal(0, daraja.Reversals);

        var approved = (await SendAsync(app, new ApproveRefundCommand(new RefundId(requested.Id), Checker))).Must().Refund;

        Assert.Equal(RefundStatus.Pending, approved.Status);
        Assert.Equal(1, daraja.Reversals);
        var record = (await SendAsync(app, new ReadRefundRecordQuery(new RefundId(requested.Id)))).Must();
        Assert.Equal(("demo", Maker, Checker), (record.ClientId, record.RequestedBy, record.ApprovedBy));
        Assert.NotNull(record.ApprovedAt);
        Assert.Equal("fake-000001", record.OriginatorConversationId); // Daraja's acknowledgement recorded
        await Task.Delay(TimeSpan.FromSeconds(3)); // the reconciler verifies it as any sent refund, never sends it again
        Assert.Equal(1, daraja.Reversals);
        Assert.Equal([RefundEventTypes.Created], await EventTypesAsync(app, requested.Id));
    }

    [Fact]
    public async Task Reject_RefundAwaitingApproval_FailsUnsentAndFreesThePayment()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        var client = app.Client();
        var payment = await PaidAsync(client);
        var requested = (await SendAsync(app, RequestForApproval(payment))).Must().Refund;

        var rejected = (await SendAsync(app, new RejectRefundCommand(new RefundId(requested.Id), Checker, "Refunded in cash at the till"))).Must().Refund;

        Assert.Equal((RefundStatus.Failed, "refund_rejected"), (rejected.Status, rejected.Failure?.Code));
        var record = (await SendAsync(app, new ReadRefundRecordQuery(new RefundId(requested.Id)))).Must();
        Assert.Equal((Checker, "Refunded in cash at the till"), (record.RejectedBy, record.RejectionNote));
        Assert.Null(record.ApprovedBy);
        var late = await SendAsync(app, new ApproveRefundCommand(new RefundId(requested.Id), "operator:carol"));
        Assert.Equal("refund_not_awaiting_approval", late.Error?.Code);
        Assert.Equal(0, daraja.Reversals);
        Assert.Equal([RefundEventTypes.Created, RefundEventTypes.Failed], await EventTypesAsync(app, requested.Id));

        // The payment's slot is free: a client's own refund goes out at once.
        var direct = await client.CreateRefundAsync(payment);
        Assert.Equal(RefundStatus.Pending, direct.Status);
        Assert.Equal(1, daraja.Reversals);
    }

    [Fact]
    public async Task Approve_EightAtOnce_SendsExactlyOneReversal()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        var client = app.Client();
        var payment = await PaidAsync(client);
        var id = new RefundId((await SendAsync(app, RequestForApproval(payment))).Must().Refund.Id);

        using var start = new ManualResetEventSlim();
        var approvals = Enumerable.Range(1, 8).Select(n => Task.Run(async () =>
        {
            start.Wait();
            return await SendAsync(app, new ApproveRefundCommand(id, $"operator:checker{n}"));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(approvals);
        await Task.Delay(TimeSpan.FromSeconds(2));

        _ = Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal("refund_not_awaiting_approval", r.Error!.Code));
        Assert.Equal(1, daraja.Reversals);
        var record = (await SendAsync(app, new ReadRefundRecordQuery(id))).Must();
        Assert.Equal(results.Single(r => r.IsSuccess).Value.Refund.Id, record.Refund.Id);
        Assert.StartsWith("operator:checker", record.ApprovedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestForApproval_CountsTowardTheDailyLimit()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja, ("Refunds:MaxPerClientPerDay", "1"));
        var client = app.Client();
        var (first, second) = (await PaidAsync(client), await PaidAsync(client));
        (await SendAsync(app, RequestForApproval(first))).Must();

        using var refused = await client.PostRefundAsync(second);

        Assert.Equal("refund_limit_reached", await RefundsApi.ProblemCodeAsync(refused));
        Assert.Equal(0, daraja.Reversals);
    }

    [Fact]
    public async Task ListRefundRecords_AcrossClients_FiltersByClientAndAwaitingApproval()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja,
            ("ApiClients:1:Id", "other"),
            ("ApiClients:1:KeyHash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey)))));
        var demo = app.Client();
        var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);
        var sent = await demo.CreateRefundAsync(await PaidAsync(demo));
        var held = (await SendAsync(app, RequestForApproval(await PaidAsync(other), new ClientId("other")))).Must().Refund;

        var all = await SendAsync(app, new ListRefundRecordsQuery(null, null, null, null, null));
        var waiting = await SendAsync(app, new ListRefundRecordsQuery(null, null, RefundStatus.AwaitingApproval, null, null));
        var demos = await SendAsync(app, new ListRefundRecordsQuery(Demo, null, null, null, null));
        var othersPending = await SendAsync(app, new ListRefundRecordsQuery(new ClientId("other"), null, RefundStatus.Pending, null, null));

        Assert.Equal([held.Id, sent.Id], all.Items.Select(r => r.Refund.Id)); // newest first
        Assert.Equal(["other", "demo"], all.Items.Select(r => r.ClientId));
        Assert.Equal(2, all.TotalCount);
        Assert.Equal((held.Id, Maker), (Assert.Single(waiting.Items).Refund.Id, waiting.Items[0].RequestedBy));
        Assert.Equal((sent.Id, "client:demo"), (Assert.Single(demos.Items).Refund.Id, demos.Items[0].RequestedBy));
        Assert.Empty(othersPending.Items);
        Assert.Equal("refund_not_found", (await SendAsync(app, new ReadRefundRecordQuery(RefundId.New()))).Error?.Code);

        // The API still shows each client only its own.
        using var page = JsonDocument.Parse(await other.GetStringAsync(new Uri("api/v1/refunds", UriKind.Relative)));
        Assert.Equal([held.Id.ToString()], page.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    private static RequestRefundCommand RequestForApproval(Guid paymentId, ClientId? clientId = null) =>
        new(clientId ?? Demo, new PaymentId(paymentId), null, "Customer paid twice", null, Maker, RequiresApproval: true);

    /// <summary>Sends one query with the host's own mediator, in its own scope.</summary>
    private static async Task<T> SendAsync<T>(ShieldApp app, IQuery<T> query)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>Sends one command with the host's own mediator, in its own scope (as a console page does per request).</summary>
    private static async Task<T> SendAsync<T>(ShieldApp app, ICommand<T> command)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task<List<string>> EventTypesAsync(ShieldApp app, Guid refundId) =>
        await app.WithDatabase(async db => (await db.Events.AsNoTracking().Where(e => e.StreamId == refundId).ToListAsync())
            .OrderBy(e => e.Sequence).Select(e => e.Type).ToList());

    private static ShieldApp Host(FakeDaraja daraja, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Interval"] = "00:00:01",
            ["Refunds:VerifyAfter"] = "00:00:01",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ShieldApp(all);
    }

    /// <summary>A payment Daraja accepted and a success callback completed, with a fresh receipt.</summary>
    private static async Task<Guid> PaidAsync(HttpClient client)
    {
        var created = await client.CreatePaymentAsync(Phones.Next());
        var number = $"TAP{Interlocked.Increment(ref _receipts):D7}";
        using (await client.PostCallbackAsync(StkCallbacks.Success(created.Attempts[0].CheckoutRequestId!, created.Amount, number)))
        {
        }

        var paid = await client.WaitForAsync(created.Id);
        Assert.Equal(number, paid.MpesaReceiptNumber);
        return paid.Id;
    }
}
