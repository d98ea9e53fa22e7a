using System.Net;
using System.Text;
using Shield.Application.Payments.GetPaymentRecord;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The payment timeline's data (issue 16): everything stored about a payment, whichever client's, read through the host's mediator.</summary>
public sealed class PaymentRecordTests
{
    [Fact]
    public async Task Record_PaymentWithADuplicateCallbackAndAVerification_ShowsEachAttemptEveryCallbackAndTheReview()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00", ["Reconciliation:Enabled"] = "false" });
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next(), 130);
        var checkout = created.Attempts[0].CheckoutRequestId!;
        var receipt = OperatorQueries.NewReceipt();
        var success = StkCallbacks.Success(checkout, 130, receipt);
        (await app.Anonymous().PostCallbackAsync(success)).Dispose();
        (await app.Anonymous().PostCallbackAsync(success)).Dispose();
        var status = """{"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"x-1","ConversationID":"AG_20261201_unrequested","TransactionID":"RECEIPT","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"RECEIPT"},{"Key":"Amount","Value":"13"},{"Key":"TransactionStatus","Value":"Completed"},{"Key":"FinalisedTime","Value":20261201101010}]}}}"""
            .Replace("RECEIPT", receipt, StringComparison.Ordinal);
        using (var answered = await app.Anonymous().PostAsync(new Uri($"api/v1/daraja/transaction-status/result/{ShieldApp.CallbackSecret}", UriKind.Relative),
            new StringContent(status, Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var record = (await app.QueryAsync(new GetPaymentRecordQuery(new PaymentId(created.Id)))).Value;

        Assert.Equal("demo", record.ClientId);
        Assert.Equal(PaymentStatus.Completed, record.Payment.Status);
        Assert.Equal(receipt, record.Payment.MpesaReceiptNumber);
        Assert.Equal(VerificationStatus.Mismatch, record.Payment.Verification!.Status);
        Assert.Equal(13m, record.Payment.Verification.Amount);
        Assert.Equal("verification_mismatch", record.Payment.ReviewReason);
        Assert.Equal(0, record.Payment.RefundedAmount);
        var attempt = Assert.Single(record.Attempts);
        Assert.Equal((1, AttemptStatus.Succeeded, checkout, ResultSource.Callback), (attempt.Number, attempt.Status, attempt.CheckoutRequestId, attempt.ResultSource));
        Assert.Equal(("0", receipt, 130m), (attempt.ResultCode, attempt.ReceiptNumber, attempt.PaidAmount));
        Assert.NotNull(attempt.MerchantRequestId);
        Assert.NotNull(attempt.SentAt);
        Assert.Null(attempt.NoAnswer);
        Assert.Equal(
            [(CallbackKind.StkCallback, CallbackOutcome.Applied), (CallbackKind.StkCallback, CallbackOutcome.Duplicate), (CallbackKind.TransactionStatusResult, CallbackOutcome.Applied)],
            record.Callbacks.Select(c => (c.Kind, c.Outcome)));
        Assert.Equal([success, success, status], record.Callbacks.Select(c => c.Body));
        Assert.All(record.Callbacks, c => Assert.Equal("127.0.0.1", c.RemoteAddress));
        Assert.True(record.Callbacks[0].ReceivedAt <= record.Callbacks[1].ReceivedAt && record.Callbacks[1].ReceivedAt <= record.Callbacks[2].ReceivedAt);
    }

    [Fact]
    public async Task Record_PushWithoutAnAnswer_ShowsTheUnknownAttemptAndWhy_AndAnEarlyCallbackKeptUnmatchedIsNotItsUntilMatched()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Enabled"] = "false",
        });
        using var client = app.Client();
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 60);
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success("ws_CO_STRAY" + Guid.NewGuid().ToString("N")[..12], 60, OperatorQueries.NewReceipt()))).Dispose();

        var record = (await app.QueryAsync(new GetPaymentRecordQuery(new PaymentId(id)))).Value;

        var attempt = Assert.Single(record.Attempts);
        Assert.Equal(AttemptStatus.Unknown, attempt.Status);
        Assert.Equal(NoAnswerReason.Unreachable, attempt.NoAnswer);
        Assert.Null(attempt.CheckoutRequestId);
        Assert.NotNull(attempt.SentAt);
        Assert.Equal(PaymentStatus.Pending, record.Payment.Status);
        Assert.Empty(record.Callbacks);
    }

    [Fact]
    public async Task Record_UnknownPayment_IsPaymentNotFound()
    {
        await using var app = new ShieldApp();
        app.Anonymous().Dispose();

        var result = await app.QueryAsync(new GetPaymentRecordQuery(PaymentId.New()));

        Assert.Equal("payment_not_found", result.Error!.Code);
    }
}
