using System.Net;
using System.Net.Http.Json;
using System.Text;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.ListReviewQueue;
using Shield.Application.Payments.ListWaitingPayments;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The console's Waiting page and review queue (issue 16), across every client, on payments made through the API.</summary>
public sealed class OperatorQueuesTests
{
    [Fact]
    public async Task Waiting_PendingPaymentsAndAPushWithoutAnswer_OldestFirstWithTheirAge_AndNotOnceSettled()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Mpesa:BaseUrl"] = daraja.Url.ToString(), ["Reconciliation:Enabled"] = "false" });
        using var client = app.Client();
        var first = await client.CreatePaymentAsync(Phones.Next(), 11);
        var second = await client.CreatePaymentAsync(Phones.Next(), 12);
        var lost = await client.LostPushAnswerAsync(daraja, Phones.Next(), 13);
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Failure(second.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"))).Dispose();

        var page = await app.QueryAsync(new ListWaitingPaymentsQuery());

        Assert.Equal([first.Id, lost], page.Items.Select(w => w.Id));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal((AttemptStatus.AwaitingCustomer, first.Attempts[0].CheckoutRequestId), (page.Items[0].AttemptStatus, page.Items[0].CheckoutRequestId));
        Assert.Equal((AttemptStatus.Unknown, (string?)null, NoAnswerReason.Unreachable), (page.Items[1].AttemptStatus, page.Items[1].CheckoutRequestId, page.Items[1].NoAnswer));
        Assert.All(page.Items, w => Assert.InRange(w.Age, TimeSpan.Zero, TimeSpan.FromMinutes(1)));
        Assert.All(page.Items, w => Assert.Equal(PendingAge.UnderOneMinute, w.AgeBucket));
        Assert.Equal(first.PhoneNumber, page.Items[0].PhoneNumber); // in full: the console masks it

        var paged = await app.QueryAsync(new ListWaitingPaymentsQuery(Page: 2, PageSize: 1));
        Assert.Equal([lost], paged.Items.Select(w => w.Id));
    }

    [Fact]
    public async Task ReviewQueue_FlaggedPaymentsOldestFirst_FilteredByReason_AndAResolvedOneLeavesIt()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00", ["Reconciliation:Enabled"] = "false" });
        using var client = app.Client();
        var mismatched = await client.CreatePaymentAsync(Phones.Next(), 500);
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(mismatched.Attempts[0].CheckoutRequestId!, 5, OperatorQueries.NewReceipt()))).Dispose();
        var verified = await client.CreatePaymentAsync(Phones.Next(), 130);
        var receipt = OperatorQueries.NewReceipt();
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(verified.Attempts[0].CheckoutRequestId!, 130, receipt))).Dispose();
        await VerificationMismatchAsync(app, receipt);
        var plain = await client.CreatePaymentAsync(Phones.Next(), 77);
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(plain.Attempts[0].CheckoutRequestId!, 77, OperatorQueries.NewReceipt()))).Dispose();

        var queue = await app.QueryAsync(new ListReviewQueueQuery());
        var amountOnly = await app.QueryAsync(new ListReviewQueueQuery("amount_mismatch"));

        Assert.Equal([(mismatched.Id, "amount_mismatch", true, PaymentStatus.Pending), (verified.Id, "verification_mismatch", false, PaymentStatus.Completed)],
            queue.Items.Select(i => (i.Id, i.ReviewReason, i.HoldsReconciliation, i.Status)));
        Assert.Equal("demo", queue.Items[0].ClientId);
        Assert.Equal([mismatched.Id], amountOnly.Items.Select(i => i.Id));

        using (var resolved = await client.PostAsJsonAsync(new Uri($"api/v1/payments/{verified.Id}/review/resolve", UriKind.Relative),
            new { reason = "verification_mismatch", note = "Safaricom's record was for an older payment." }))
        {
            Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        }

        Assert.Equal([mismatched.Id], (await app.QueryAsync(new ListReviewQueueQuery())).Items.Select(i => i.Id));
    }

    private static async Task VerificationMismatchAsync(ShieldApp app, string receipt)
    {
        var body = """{"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"x-1","ConversationID":"AG_20261201_unrequested","TransactionID":"RECEIPT","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"RECEIPT"},{"Key":"Amount","Value":"13"},{"Key":"TransactionStatus","Value":"Completed"}]}}}"""
            .Replace("RECEIPT", receipt, StringComparison.Ordinal);
        using var response = await app.Anonymous().PostAsync(new Uri($"api/v1/daraja/transaction-status/result/{ShieldApp.CallbackSecret}", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
