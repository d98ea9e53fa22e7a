using System.Net;
using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Payments.ApplyCallbackToPayment;
using Shield.Application.Payments.GetPaymentRecord;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// Applying an unmatched STK success to a payment an operator chose (issue 16): a push whose Daraja answer was lost,
/// and a success callback whose phone Safaricom masked, so the reconciler could not match them; applied through the same
/// rules as any callback.
/// </summary>
public sealed class ApplyCallbackTests
{
    private const string Operator = "operator:alice";

    [Fact]
    public async Task Apply_UnmatchedSuccessToThePaymentWhosePushAnswerWasLost_CompletesItOnce_AndASecondApplyIsRefused()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        using var client = app.Client();
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 60);
        var (callback, checkout, receipt) = await StraySuccessAsync(app, 60);

        var applied = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));
        var again = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));

        Assert.Equal((CallbackOutcome.Applied, 1), (applied.Value.Outcome, applied.Value.AttemptNumber));
        Assert.Equal((PaymentStatus.Completed, receipt), (applied.Value.Payment.Status, applied.Value.Payment.MpesaReceiptNumber));
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal((PaymentStatus.Completed, receipt), (payment.Status, payment.MpesaReceiptNumber));
        Assert.Equal((AttemptStatus.Succeeded, checkout), (payment.Attempts[0].Status, payment.Attempts[0].CheckoutRequestId));
        Assert.Equal("callback_not_unmatched", again.Error!.Code);
        Assert.Equal(["payment.created", "payment.completed"], (await OutboxTests.EventsOf(app, id)).Select(e => e.Type));
        var record = (await app.QueryAsync(new GetPaymentRecordQuery(new PaymentId(id)))).Value;
        Assert.Equal((callback, CallbackOutcome.Applied), (Assert.Single(record.Callbacks).Id, record.Callbacks[0].Outcome));
    }

    [Fact]
    public async Task Apply_ASuccessForAnotherAmount_FlagsAmountMismatch_AndLeavesThePaymentUnpaid()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        using var client = app.Client();
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 500);
        var (callback, _, receipt) = await StraySuccessAsync(app, 5);

        var applied = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));

        Assert.Equal(CallbackOutcome.FlaggedForReview, applied.Value.Outcome);
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal(("amount_mismatch", PaymentStatus.Pending, (string?)null), (payment.ReviewReason, payment.Status, payment.MpesaReceiptNumber));
        Assert.Equal(receipt, payment.Attempts[0].ReceiptNumber);
    }

    [Fact]
    public async Task Apply_ASuccessWithAnotherPaymentsReceipt_FlagsReceiptReused_AndDoesNotCompleteIt()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        using var client = app.Client();
        var paid = await client.CreatePaymentAsync(Phones.Next(), 70);
        var receipt = OperatorQueries.NewReceipt();
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(paid.Attempts[0].CheckoutRequestId!, 70, receipt))).Dispose();
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 70);
        var (callback, _, _) = await StraySuccessAsync(app, 70, receipt);

        var applied = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));

        Assert.Equal(CallbackOutcome.FlaggedForReview, applied.Value.Outcome);
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal(("receipt_reused", PaymentStatus.Pending), (payment.ReviewReason, payment.Status));
        Assert.Equal(receipt, (await client.GetPaymentAsync(paid.Id)).MpesaReceiptNumber);
    }

    [Fact]
    public async Task Apply_ToACompletedPaymentWhoseFirstPushAnswerWasLost_FlagsDuplicateCharge_AndKeepsItsFirstReceipt()
    {
        await using var daraja = new FakeDaraja();
        await using var app = ExpiringHost(daraja);
        using var client = app.Client();
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 80);
        await ExpireAsync(app);

        daraja.Push = (context, number, _) => FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted($"ws_CO_RETRY_{number:D6}"));
        using (var retried = await client.PostAsync(new Uri($"api/v1/payments/{id}/retry", UriKind.Relative),
            new StringContent("""{"acknowledgeOutcomeUnknown":true}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        }

        var first = OperatorQueries.NewReceipt();
        var second = (await client.GetPaymentAsync(id)).Attempts[1].CheckoutRequestId!;
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(second, 80, first))).Dispose();
        Assert.Equal(PaymentStatus.Completed, (await client.GetPaymentAsync(id)).Status);
        var (callback, _, _) = await StraySuccessAsync(app, 80);

        var applied = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));

        Assert.Equal((CallbackOutcome.FlaggedForReview, 1), (applied.Value.Outcome, applied.Value.AttemptNumber));
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal((PaymentStatus.Completed, first, "duplicate_charge"), (payment.Status, payment.MpesaReceiptNumber, payment.ReviewReason));
        Assert.Equal([AttemptStatus.Succeeded, AttemptStatus.Succeeded], payment.Attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task Apply_ASuccessThatArrivedBeforeARetry_GoesToTheAttemptItAnswers_NotTheRetry()
    {
        await using var daraja = new FakeDaraja();
        await using var app = ExpiringHost(daraja);
        using var client = app.Client();
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 90);
        var (callback, checkout, receipt) = await StraySuccessAsync(app, 90); // the customer paid attempt 1; nothing could match it
        await ExpireAsync(app);

        // Retried (acknowledging the unknown outcome), and this push's answer is lost too: two attempts await their ids.
        using (var retried = await client.PostAsync(new Uri($"api/v1/payments/{id}/retry", UriKind.Relative),
            new StringContent("""{"acknowledgeOutcomeUnknown":true}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, retried.StatusCode);
        }

        var applied = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));

        Assert.Equal((CallbackOutcome.Applied, 1), (applied.Value.Outcome, applied.Value.AttemptNumber));
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal((PaymentStatus.Completed, receipt), (payment.Status, payment.MpesaReceiptNumber));
        Assert.Equal((checkout, (string?)null), (payment.Attempts[0].CheckoutRequestId, payment.Attempts[1].CheckoutRequestId));
    }

    [Fact]
    public async Task Apply_Refusals_NameWhatIsWrong_AndChangeNothing()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        using var client = app.Client();
        var answered = await client.CreatePaymentAsync(Phones.Next(), 60); // its push has its own CheckoutRequestID
        var lost = await client.LostPushAnswerAsync(daraja, Phones.Next(), 60);
        var (success, _, _) = await StraySuccessAsync(app, 60);
        var failure = await CallbackInboxTests.PostAsync(app, StkCallbacks.Failure("ws_CO_STRAY" + Guid.NewGuid().ToString("N")[..12], 1032, "Request cancelled by user"));
        var malformed = await CallbackInboxTests.PostAsync(app, "{\"Body\":{}}");
        var appliedBody = StkCallbacks.Failure(answered.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user");
        var applied = await CallbackInboxTests.PostAsync(app, appliedBody);

        async Task<string?> Refusal(Guid callback, PaymentId payment) =>
            (await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, payment, Operator))).Error?.Code;

        Assert.Equal("callback_not_found", await Refusal(Guid.CreateVersion7(), new PaymentId(lost)));
        Assert.Equal("callback_not_a_success", await Refusal(failure, new PaymentId(lost)));
        Assert.Equal("callback_not_unmatched", await Refusal(malformed, new PaymentId(lost)));
        Assert.Equal("callback_not_unmatched", await Refusal(applied, new PaymentId(answered.Id)));
        Assert.Equal("payment_not_found", await Refusal(success, PaymentId.New()));
        Assert.Equal("no_attempt_awaits_callback", await Refusal(success, new PaymentId(answered.Id)));

        Assert.Equal(PaymentStatus.Pending, (await client.GetPaymentAsync(lost)).Status);
        Assert.Null((await client.GetPaymentAsync(lost)).Attempts[0].CheckoutRequestId);
        Assert.Equal(CallbackOutcome.Unmatched, (await app.WithDatabase(db => db.Callbacks.FindAsync(success).AsTask()))!.Outcome);
        Assert.Equal(CallbackOutcome.Applied, (await app.CommandAsync(new ApplyCallbackToPaymentCommand(success, new PaymentId(lost), Operator))).Value.Outcome);
    }

    [Fact]
    public async Task Apply_ASuccessReceivedBeforeThePaymentWasMade_IsRefused_AndThePaymentStaysUnpaid()
    {
        await using var daraja = new FakeDaraja();
        await using var app = Host(daraja);
        using var client = app.Client();
        var (callback, _, _) = await StraySuccessAsync(app, 60); // yesterday's success, never matched
        var id = await client.LostPushAnswerAsync(daraja, Phones.Next(), 60); // today's payment: same amount

        var applied = await app.CommandAsync(new ApplyCallbackToPaymentCommand(callback, new PaymentId(id), Operator));

        Assert.Equal("callback_before_attempt", applied.Error!.Code);
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal((PaymentStatus.Pending, (string?)null), (payment.Status, payment.MpesaReceiptNumber));
        Assert.Null(payment.Attempts[0].CheckoutRequestId);
        Assert.Equal(CallbackOutcome.Unmatched, (await app.WithDatabase(db => db.Callbacks.FindAsync(callback).AsTask()))!.Outcome);
    }

    /// <summary>A host whose unknown attempts expire after a second, when the test runs the reconciler (it does not run by itself).</summary>
    private static ShieldApp ExpiringHost(FakeDaraja daraja) => new(new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
        ["Reconciliation:Enabled"] = "false",
        ["Reconciliation:ExpireAfter"] = "00:00:01",
    });

    /// <summary>Waits out the expiry and runs one reconciliation pass, which expires the one payment whose push answer was lost.</summary>
    private static async Task ExpireAsync(ShieldApp app)
    {
        await Task.Delay(1500);
        await using var scope = app.Scope();
        Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReconcilePendingAttemptsCommand())).Expired);
    }

    private static ShieldApp Host(FakeDaraja daraja) => new(new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
        ["Reconciliation:Enabled"] = "false",
    });

    /// <summary>A success callback for a push no attempt knows, its phone masked as Safaricom now sends it: kept Unmatched.</summary>
    private static async Task<(Guid Callback, string CheckoutRequestId, string Receipt)> StraySuccessAsync(ShieldApp app, decimal amount, string? receipt = null)
    {
        var checkout = "ws_CO_011220261200" + Random.Shared.Next(100_000_000, 999_999_999);
        receipt ??= OperatorQueries.NewReceipt();
        var id = await CallbackInboxTests.PostAsync(app, StkCallbacks.Success(checkout, amount, receipt, "\"2547****149\""));
        Assert.Equal(CallbackOutcome.Unmatched, (await app.WithDatabase(db => db.Callbacks.FindAsync(id).AsTask()))!.Outcome);
        return (id, checkout, receipt);
    }
}
