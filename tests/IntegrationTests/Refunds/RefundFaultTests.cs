using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shield.Domain.Callbacks;
using Shield.Domain.Refunds;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Refunds;

/// <summary>
/// Refunds against a scriptable Daraja over loopback, for what the simulator does not play: an outage, a timeout, a
/// refusal, and results that come twice or before Daraja's acknowledgement was recorded.
/// </summary>
public sealed class RefundFaultTests
{
    private static int _receipts = Random.Shared.Next(100_000, 900_000);

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public async Task PostRefund_WhenDarajaFails_IsUnknownForAPersonAndNeverSentAgain(int status)
    {
        await using var daraja = new FakeDaraja { Reversal = (context, _, _) => FakeDaraja.Json(context, (HttpStatusCode)status,
            """{"requestId":"1-2-3","errorCode":"500.001.1001","errorMessage":"Internal Server Error"}""") };
        await using var app = Host(daraja);
        var client = app.Client();
        var payment = await PaidAsync(client);

        var refund = await client.CreateRefundAsync(payment);
        await Task.Delay(TimeSpan.FromSeconds(4)); // several reconciler passes

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal("outcome_unknown", refund.ReviewReason);
        var later = await client.GetRefundAsync(refund.Id);
        Assert.Equal((RefundStatus.Unknown, "outcome_unknown"), (later.Status, later.ReviewReason));
        Assert.Equal(1, daraja.Reversals);
    }

    [Fact]
    public async Task LateSuccess_OfARefundSettledAsFailed_LandsOnItNotOnTheNextRefund()
    {
        // The first request gets a 5xx (no conversation ids), a person settles it Failed, a second one is acknowledged;
        // then the first one's success arrives, naming only the receipt it reversed.
        await using var daraja = new FakeDaraja();
        daraja.Reversal = (context, number, _) => number == 1
            ? FakeDaraja.Json(context, HttpStatusCode.ServiceUnavailable, "")
            : FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.ReversalAccepted($"AG_20261201_FAKE{number:D6}", $"fake-{number:D6}"));
        await using var app = Host(daraja, ("Reconciliation:Enabled", "false"));
        var client = app.Client();
        string? receipt = null;
        var payment = await PaidAsync(client, r => receipt = r);
        var first = await client.CreateRefundAsync(payment);
        Assert.Equal(RefundStatus.Unknown, first.Status);
        using (await client.PostAsJsonAsync($"api/v1/refunds/{first.Id}/settle", new { succeeded = false, note = "Not on the statement" }))
        {
        }

        var second = await client.CreateRefundAsync(payment);
        using var late = await client.PostReversalResultAsync(Success("lost-000001", receipt!));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var firstNow = await client.GetRefundAsync(first.Id);
        Assert.Equal((RefundStatus.Succeeded, "succeeded_after_failure"), (firstNow.Status, firstNow.ReviewReason));
        Assert.Equal(RefundStatus.Pending, (await client.GetRefundAsync(second.Id)).Status);
    }

    [Fact]
    public async Task LateSuccess_AfterARefusedRequestAndAnUnansweredRetry_LandsOnTheRetry()
    {
        // Daraja refuses the first request (never sent: Failed); the retry gets no answer (Unknown, no ids); then the
        // retry's success arrives, naming only the receipt it reversed. The refused one is no candidate.
        await using var daraja = new FakeDaraja();
        daraja.Reversal = (context, number, _) => number == 1
            ? FakeDaraja.Json(context, HttpStatusCode.BadRequest, """{"requestId":"1-2","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid Remarks"}""")
            : FakeDaraja.Json(context, HttpStatusCode.InternalServerError, "");
        await using var app = Host(daraja, ("Reconciliation:Enabled", "false"));
        var client = app.Client();
        string? receipt = null;
        var payment = await PaidAsync(client, r => receipt = r);
        var refused = await client.CreateRefundAsync(payment);
        var retry = await client.CreateRefundAsync(payment);
        Assert.Equal((RefundStatus.Failed, RefundStatus.Unknown), (refused.Status, retry.Status));

        using (await client.PostReversalResultAsync(Success("lost-000002", receipt!)))
        {
        }

        Assert.Equal(RefundStatus.Succeeded, (await client.GetRefundAsync(retry.Id)).Status);
        Assert.Equal(RefundStatus.Failed, (await client.GetRefundAsync(refused.Id)).Status);
        Assert.Equal(100, (await client.GetPaymentAsync(payment)).RefundedAmount);
    }

    [Fact]
    public async Task PostRefund_WhenDarajaHangs_IsUnknownAndNeverSentAgain()
    {
        await using var daraja = new FakeDaraja { Reversal = (context, _, _) => FakeDaraja.Hang(context) };
        await using var app = Host(daraja, ("Mpesa:RequestTimeout", "00:00:02"));
        var client = app.Client();
        var payment = await PaidAsync(client);

        var refund = await client.CreateRefundAsync(payment);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(RefundStatus.Unknown, refund.Status);
        Assert.Equal(RefundStatus.Unknown, (await client.GetRefundAsync(refund.Id)).Status);
        Assert.Equal(1, daraja.Reversals);
    }

    [Fact]
    public async Task PostRefund_WhenDarajaRefusesTheRequest_FailsAndNothingWasSent()
    {
        await using var daraja = new FakeDaraja { Reversal = (context, _, _) => FakeDaraja.Json(context, HttpStatusCode.BadRequest,
            """{"requestId":"94fc-460e-a970-797968bf6a851272619","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid TransactionID"}""") };
        await using var app = Host(daraja);
        var client = app.Client();
        var payment = await PaidAsync(client);

        var refund = await client.CreateRefundAsync(payment);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal(("reversal_request_rejected", "400.002.02"), (refund.Failure!.Code, refund.Failure.ResultCode));
        Assert.Equal("Bad Request - Invalid TransactionID", refund.Failure.ResultDescription);
        // Nothing moved, so a new refund may be asked for.
        using var again = await client.PostRefundAsync(payment);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task Result_BeforeTheAcknowledgementIsRecorded_IsAppliedOnceItIs()
    {
        string? receipt = null;
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        var client = app.Client();
        daraja.Reversal = async (context, number, body) =>
        {
            // M-Pesa's result reaches Shield before Daraja's acknowledgement does.
            using var request = JsonDocument.Parse(body);
            var resultUrl = new Uri(request.RootElement.GetProperty("ResultURL").GetString()!);
            using var poster = new HttpClient();
            using var posted = await poster.PostAsync(resultUrl, new StringContent(Success($"fake-{number:D6}", receipt!), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.ReversalAccepted($"AG_20261201_FAKE{number:D6}", $"fake-{number:D6}"));
        };
        var payment = await PaidAsync(client, r => receipt = r);

        var refund = await client.CreateRefundAsync(payment);

        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal("SKE52PAWR9", refund.ReversalReceiptNumber);
    }

    [Fact]
    public async Task FailureResult_BeforeTheAcknowledgementIsRecorded_IsKeptAndAppliedOnceItIs()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja, ("Reconciliation:Enabled", "false"));
        var client = app.Client();
        daraja.Reversal = async (context, number, body) =>
        {
            // A failure names no receipt: it can only be matched by the conversation ids, not known to Shield yet.
            using var request = JsonDocument.Parse(body);
            using var poster = new HttpClient();
            using var posted = await poster.PostAsync(new Uri(request.RootElement.GetProperty("ResultURL").GetString()!),
                new StringContent(Failure($"fake-{number:D6}", "2001", "The initiator information is invalid."), System.Text.Encoding.UTF8, "application/json"));
            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.ReversalAccepted($"AG_20261201_FAKE{number:D6}", $"fake-{number:D6}"));
        };
        var payment = await PaidAsync(client);

        var refund = await client.CreateRefundAsync(payment);

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal("initiator_credentials_invalid", refund.Failure!.Code);
        var outcome = await app.WithDatabase(db => db.Callbacks.AsNoTracking().Where(c => c.Kind == CallbackKind.ReversalResult).Select(c => c.Outcome).SingleAsync());
        Assert.Equal(CallbackOutcome.Applied, outcome);
    }

    [Fact]
    public async Task Result_PostedTwice_IsAppliedOnceAndAnnouncedOnce()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        var client = app.Client();
        string? receipt = null;
        var payment = await PaidAsync(client, r => receipt = r);
        var refund = await client.CreateRefundAsync(payment);
        Assert.Equal(RefundStatus.Pending, refund.Status);

        using var first = await client.PostReversalResultAsync(Success("fake-000001", receipt!));
        using var second = await client.PostReversalResultAsync(Success("fake-000001", receipt!));
        // A late failure never undoes the success.
        using var late = await client.PostReversalResultAsync(Failure("fake-000001", "\"R000002\"", "The OriginalTransactionID is invalid."));

        Assert.All(new[] { first, second, late }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var settled = await client.GetRefundAsync(refund.Id);
        Assert.Equal((RefundStatus.Succeeded, "SKE52PAWR9"), (settled.Status, settled.ReversalReceiptNumber));
        var outcomes = await app.WithDatabase(db => db.Callbacks.AsNoTracking().Where(c => c.Kind == CallbackKind.ReversalResult)
            .OrderBy(c => c.ReceivedAt).Select(c => c.Outcome).ToListAsync());
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Duplicate, CallbackOutcome.Duplicate], outcomes);
        var events = await app.WithDatabase(db => db.Events.AsNoTracking().Where(e => e.StreamId == refund.Id).Select(e => e.Type).ToListAsync());
        Assert.Equal(["refund.created", "refund.succeeded"], events.Order());
    }

    [Fact]
    public async Task QueueTimeoutNotice_OfAnyShape_IsNeverAFailure()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja, ("Reconciliation:Enabled", "false"));
        var client = app.Client();
        var payment = await PaidAsync(client);
        var refund = await client.CreateRefundAsync(payment);

        using var notice = await client.PostReversalResultAsync("""{"Result":{"ResultType":1,"ResultCode":"1","ResultDesc":"The service request timed out.","OriginatorConversationID":"fake-000001","ConversationID":"AG_20261201_FAKE000001"}}""", "timeout");
        using var empty = await client.PostReversalResultAsync("", "timeout");
        using var html = await client.PostReversalResultAsync("<html>gateway timeout</html>", "timeout");

        Assert.All(new[] { notice, empty, html }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var after = await client.GetRefundAsync(refund.Id);
        Assert.Equal(RefundStatus.Unknown, after.Status);
        Assert.Null(after.Failure);
        var stored = await app.WithDatabase(db => db.Callbacks.AsNoTracking().CountAsync(c => c.Kind == CallbackKind.ReversalTimeout));
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task UnknownRefund_VerifiedByTransactionStatus_SettlesWithTheReversalReceipt()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja, ("Refunds:VerifyAfter", "00:00:01"));
        var client = app.Client();
        daraja.TransactionStatus = async (context, body) =>
        {
            using var request = JsonDocument.Parse(body);
            Assert.Equal("fake-000001", request.RootElement.GetProperty("OriginalConversationID").GetString());
            Assert.False(request.RootElement.TryGetProperty("TransactionID", out _));
            var resultUrl = new Uri(request.RootElement.GetProperty("ResultURL").GetString()!);
            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.ReversalAccepted("AG_20261201_STATUS01", "status-000001"));
            _ = Task.Run(async () =>
            {
                using var poster = new HttpClient();
                await poster.PostAsync(resultUrl, new StringContent(StatusCompleted("status-000001", "AG_20261201_STATUS01", "SKV11REV01"), System.Text.Encoding.UTF8,
                    "application/json"));
            });
        };
        var payment = await PaidAsync(client);
        var refund = await client.CreateRefundAsync(payment);
        using (await client.PostReversalResultAsync("", "timeout"))
        {
        }

        // The empty notice names no conversation: the refund stays Pending until the reconciler asks (after VerifyAfter).
        var settled = await client.WaitForRefundAsync(refund.Id, r => r.Status == RefundStatus.Succeeded, seconds: 20);

        Assert.Equal((RefundStatus.Succeeded, "SKV11REV01"), (settled.Status, settled.ReversalReceiptNumber));
        Assert.Equal(1, daraja.Reversals);
        Assert.True(daraja.StatusQueries >= 1);
    }

    [Fact]
    public async Task RefundStoredButNeverSent_AsAfterACrash_IsGivenToAPersonNotSent()
    {
        // The process died between the refund's commit and Daraja's answer: stored Pending, no acknowledgement.
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja, ("Refunds:VerifyAfter", "00:00:01"));
        var client = app.Client();
        var payment = await PaidAsync(client);
        var id = RefundId.New();
        await using (var scope = app.Scope())
        {
            var shown = await client.GetPaymentAsync(payment);
            var refunds = scope.ServiceProvider.GetRequiredService<Application.Refunds.Ports.IRefundRepository>();
            refunds.Add(Refund.Request(id, new Domain.Common.ClientId("demo"),
                new RefundablePayment(new Domain.Payments.PaymentId(payment), shown.Status, shown.Amount, shown.MpesaReceiptNumber, 0), null,
                RefundReason.From("Crashed before sending"), null, allowPartial: false, DateTimeOffset.UtcNow).Value);
            await refunds.UnitOfWork.SaveChangesAsync(CancellationToken.None);
        }

        var settled = await client.WaitForRefundAsync(id.Value, r => r.Status != RefundStatus.Pending, seconds: 15);

        Assert.Equal((RefundStatus.Unknown, "outcome_unknown"), (settled.Status, settled.ReviewReason));
        Assert.Equal(0, daraja.Reversals); // it may have been sent before the crash: never sent again
        using var blocked = await client.PostRefundAsync(payment);
        Assert.Equal("refund_in_progress", await RefundsApi.ProblemCodeAsync(blocked));
    }

    private static ShieldApp Host(FakeDaraja daraja, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Mpesa:BaseUrl"] = daraja.Url.ToString(), ["Reconciliation:Interval"] = "00:00:01" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ShieldApp(all);
    }

    /// <summary>A payment Daraja accepted and a success callback completed, with a fresh receipt.</summary>
    private static async Task<Guid> PaidAsync(HttpClient client, Action<string>? receipt = null)
    {
        var created = await client.CreatePaymentAsync(Phones.Next());
        var number = $"TST{Interlocked.Increment(ref _receipts):D7}";
        using (await client.PostCallbackAsync(StkCallbacks.Success(created.Attempts[0].CheckoutRequestId!, created.Amount, number)))
        {
        }

        var paid = await client.WaitForAsync(created.Id);
        Assert.Equal(number, paid.MpesaReceiptNumber);
        receipt?.Invoke(number);
        return paid.Id;
    }

    /// <summary>The official success sample of REFERENCE.md §11.3, for <paramref name="originalReceipt"/>.</summary>
    private static string Success(string originatorConversationId, string originalReceipt) => Fill("""
        {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"@originatorConversationId",
        "ConversationID":"AG_20211114_201018edbbf9f1582eaa","TransactionID":"SKE52PAWR9","ResultParameters":{"ResultParameter":[
        {"Key":"DebitAccountBalance","Value":"Utility Account|KES|7722179.62|7722179.62|0.00|0.00"},{"Key":"Amount","Value":100.00},
        {"Key":"TransCompletedTime","Value":20211114132711},{"Key":"OriginalTransactionID","Value":"@originalReceipt"},{"Key":"Charge","Value":0.00},
        {"Key":"CreditPartyPublicName","Value":"254705912645 - NICHOLAS JOHN SONGOK"},{"Key":"DebitPartyPublicName","Value":"600992 - Safaricom Daraja 992"}]},
        "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL","Value":"https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit"}}}}
        """, ("originatorConversationId", originatorConversationId), ("originalReceipt", originalReceipt));

    private static string Failure(string originatorConversationId, string code, string description) => Fill("""
        {"Result":{"ResultType":0,"ResultCode":@code,"ResultDesc":"@description","OriginatorConversationID":"@originatorConversationId",
        "ConversationID":"AG_20211114_2010573069aefb6b625a","TransactionID":"SKE0000000"}}
        """, ("originatorConversationId", originatorConversationId), ("code", code), ("description", description));

    private static string StatusCompleted(string originatorConversationId, string conversationId, string receipt) => Fill("""
        {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"@originatorConversationId",
        "ConversationID":"@conversationId","TransactionID":"@receipt","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"@receipt"},
        {"Key":"TransactionStatus","Value":"Completed"},{"Key":"Amount","Value":100},{"Key":"FinalisedTime","Value":20261201120000}]}}}
        """, ("originatorConversationId", originatorConversationId), ("conversationId", conversationId), ("receipt", receipt));

    private static string Fill(string template, params (string Name, string Value)[] values) =>
        values.Aggregate(template, (text, value) => text.Replace("@" + value.Name, value.Value, StringComparison.Ordinal));
}
