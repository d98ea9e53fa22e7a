using Shield.Application.Payments.GetInboundCallback;
using Shield.Application.Payments.ListInboundCallbacks;
using Shield.Domain.Callbacks;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The console's callback inbox (issue 16): what Shield could not apply, newest first, and one callback read for the confirmation screen.</summary>
public sealed class CallbackInboxTests
{
    [Fact]
    public async Task Inbox_ByDefault_ListsUnmatchedMalformedAndSourceRejectedNewestFirst_NotApplied()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Simulator:CallbackDelay"] = "01:00:00",
            ["Reconciliation:Enabled"] = "false",
        });
        using var client = app.Client();
        var payment = await client.CreatePaymentAsync(Phones.Next(), 40);
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(payment.Attempts[0].CheckoutRequestId!, 40, OperatorQueries.NewReceipt()))).Dispose();
        var unmatched = await PostAsync(app, StkCallbacks.Success("ws_CO_STRAY" + Guid.NewGuid().ToString("N")[..12], 40, OperatorQueries.NewReceipt()));
        var malformed = await PostAsync(app, "{\"Body\":{\"stkCallback\":\"not what Safaricom sends\"}}");

        var inbox = await app.QueryAsync(new ListInboundCallbacksQuery());
        var applied = await app.QueryAsync(new ListInboundCallbacksQuery([CallbackOutcome.Applied], CallbackKind.StkCallback));
        var malformedOnly = await app.QueryAsync(new ListInboundCallbacksQuery([CallbackOutcome.Malformed]));

        Assert.Equal([(malformed, CallbackOutcome.Malformed), (unmatched, CallbackOutcome.Unmatched)], inbox.Items.Select(c => (c.Id, c.Outcome)));
        Assert.Equal(2, inbox.TotalCount);
        Assert.All(inbox.Items, c => Assert.Equal(CallbackKind.StkCallback, c.Kind));
        Assert.True(inbox.Items[1].BodyLength > 100);
        Assert.Equal(payment.Id, Assert.Single(applied.Items).PaymentId);
        Assert.Equal([malformed], malformedOnly.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Inbox_ACallbackFromOutsideTheAllowList_IsListedAsSourceRejected()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Reconciliation:Enabled"] = "false",
            ["Mpesa:CallbackAllowedIps:0"] = "196.201.214.200",
        });
        var rejected = await PostAsync(app, StkCallbacks.Success("ws_CO_FORGED" + Guid.NewGuid().ToString("N")[..12], 40, OperatorQueries.NewReceipt()));

        var inbox = await app.QueryAsync(new ListInboundCallbacksQuery());

        var listed = Assert.Single(inbox.Items);
        Assert.Equal((rejected, CallbackOutcome.SourceRejected, "127.0.0.1"), (listed.Id, listed.Outcome, listed.RemoteAddress));
    }

    [Fact]
    public async Task Get_AnUnmatchedSuccess_ReadsWhatItSaysWasPaid_AMalformedOneHasItsBodyOnly()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Reconciliation:Enabled"] = "false" });
        var checkout = "ws_CO_STRAY" + Guid.NewGuid().ToString("N")[..12];
        var receipt = OperatorQueries.NewReceipt();
        var body = StkCallbacks.Success(checkout, 250, receipt, "254708374149");
        var unmatched = await PostAsync(app, body);
        var malformed = await PostAsync(app, "not json at all");

        var success = (await app.QueryAsync(new GetInboundCallbackQuery(unmatched))).Value;
        var unreadable = (await app.QueryAsync(new GetInboundCallbackQuery(malformed))).Value;
        var missing = await app.QueryAsync(new GetInboundCallbackQuery(Guid.CreateVersion7()));

        Assert.Equal((CallbackOutcome.Unmatched, body, checkout), (success.Callback.Outcome, success.Callback.Body, success.Callback.CheckoutRequestId));
        Assert.Equal((checkout, receipt, 250m, "254708374149"), (success.Success!.CheckoutRequestId, success.Success.ReceiptNumber, success.Success.Amount, success.Success.PhoneNumber));
        Assert.Equal(new DateTimeOffset(2022, 11, 17, 15, 57, 45, TimeSpan.FromHours(3)), success.Success.PaidAt);
        Assert.Equal((CallbackOutcome.Malformed, "not json at all"), (unreadable.Callback.Outcome, unreadable.Callback.Body));
        Assert.Null(unreadable.Success);
        Assert.Equal("callback_not_found", missing.Error!.Code);
    }

    /// <summary>Posts a callback as Safaricom would and returns the id Shield stored it under.</summary>
    internal static async Task<Guid> PostAsync(ShieldApp app, string body)
    {
        (await app.Anonymous().PostCallbackAsync(body)).Dispose();
        return await app.WithDatabase(db => Task.FromResult(db.Callbacks.Where(c => c.Body == body).Select(c => c.Id).AsEnumerable().Single()));
    }
}
