using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// POST /api/v1/payments/{id}/review/resolve, the command README "Extending" adds end to end: a flagged payment leaves
/// the review queue with the decision recorded and published, its status untouched; a success that does not fit the
/// payment is not settled by a note, and stays held.
/// </summary>
public sealed class ResolveReviewTests
{
    private const string OtherKey = "other-client-key";

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Simulator:CallbackDelay"] = "00:00:00.100",
        ["Reconciliation:Enabled"] = "false",
        ["ApiClients:1:Id"] = "other",
        ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
    };

    [Fact]
    public async Task Resolve_FlaggedPayment_RecordsTheDecision_KeepsTheStatus_AndPublishesIt()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var payment = await VerificationMismatchAsync(app, client);

        using var response = await client.PostAsJsonAsync(Resolve(payment.Id),
            new { reason = "verification_mismatch", note = "Safaricom's record was for an older payment; this one is paid." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resolved = (await response.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!;
        Assert.Null(resolved.ReviewReason);
        Assert.Equal(PaymentStatus.Completed, resolved.Status);
        Assert.Equal("verification_mismatch", resolved.ReviewResolution!.Reason);
        Assert.Equal("client:demo", resolved.ReviewResolution.ResolvedBy);
        Assert.Equal("Safaricom's record was for an older payment; this one is paid.", resolved.ReviewResolution.Note);
        Assert.Equal(resolved.ReviewResolution.Note, (await client.GetPaymentAsync(payment.Id)).ReviewResolution!.Note);
        Assert.Equal(["payment.created", "payment.completed", "payment.flagged_for_review", "payment.verified", "payment.review_resolved"],
            (await OutboxTests.EventsOf(app, payment.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Resolve_SuccessThatDoesNotFitThePayment_Is409ReviewNeedsDecision_AndThePaymentStaysHeld()
    {
        var settings = Settings();
        settings["Simulator:CallbackDelay"] = "01:00:00";
        await using var app = new ShieldApp(settings);
        using var client = app.Client();
        var flagged = await AmountMismatchAsync(app, client);

        using var response = await client.PostAsJsonAsync(Resolve(flagged.Id), new { reason = "amount_mismatch", note = "Customer paid KES 5 by mistake." });

        Assert.Equal("review_needs_decision", await CodeOf(response, HttpStatusCode.Conflict));
        var after = await client.GetPaymentAsync(flagged.Id);
        Assert.Equal("amount_mismatch", after.ReviewReason);
        Assert.Equal(PaymentStatus.Pending, after.Status);
        Assert.Null(after.ReviewResolution);
        Assert.DoesNotContain("payment.review_resolved", (await OutboxTests.EventsOf(app, flagged.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Resolve_RefusalsNameWhatIsWrong_AndChangeNothing()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var plain = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        var flagged = await VerificationMismatchAsync(app, client);

        using var notFlagged = await client.PostAsJsonAsync(Resolve(plain.Id), new { reason = "verification_mismatch", note = "Looked at it." });
        using var otherReason = await client.PostAsJsonAsync(Resolve(flagged.Id), new { reason = "duplicate_charge", note = "Refunded one." });
        using var noNote = await client.PostAsJsonAsync(Resolve(flagged.Id), new { reason = "verification_mismatch", note = " " });
        using var unknownReason = await client.PostAsJsonAsync(Resolve(flagged.Id), new { reason = "maybe", note = "Looked at it." });
        using var elsewhere = await client.PostAsJsonAsync(Resolve(Guid.CreateVersion7()), new { reason = "verification_mismatch", note = "Looked at it." });

        Assert.Equal("payment_not_under_review", await CodeOf(notFlagged, HttpStatusCode.Conflict));
        Assert.Equal("review_reason_changed", await CodeOf(otherReason, HttpStatusCode.Conflict));
        Assert.Equal("validation_failed", await CodeOf(noNote, HttpStatusCode.BadRequest));
        Assert.Equal("validation_failed", await CodeOf(unknownReason, HttpStatusCode.BadRequest));
        Assert.Equal("payment_not_found", await CodeOf(elsewhere, HttpStatusCode.NotFound));
        Assert.Equal("verification_mismatch", (await client.GetPaymentAsync(flagged.Id)).ReviewReason);
    }

    [Fact]
    public async Task Resolve_AnotherClientsPayment_Is404_AndTheFlagStays()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var flagged = await VerificationMismatchAsync(app, client);
        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        using var response = await other.PostAsJsonAsync(Resolve(flagged.Id), new { reason = "verification_mismatch", note = "Not mine to decide." });

        Assert.Equal("payment_not_found", await CodeOf(response, HttpStatusCode.NotFound));
        var after = await client.GetPaymentAsync(flagged.Id);
        Assert.Equal("verification_mismatch", after.ReviewReason);
        Assert.Null(after.ReviewResolution);
    }

    private static Uri Resolve(Guid id) => new($"api/v1/payments/{id}/review/resolve", UriKind.Relative);

    /// <summary>A completed payment whose Transaction Status result disagrees with it: flagged verification_mismatch.</summary>
    private static async Task<PaymentDetails> VerificationMismatchAsync(ShieldApp app, HttpClient client)
    {
        var completed = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 130)).Id);
        var body = """{"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"x-1","ConversationID":"AG_20261127_unrequested","TransactionID":"RECEIPT","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"RECEIPT"},{"Key":"Amount","Value":"13"},{"Key":"TransactionStatus","Value":"Completed"},{"Key":"FinalisedTime","Value":20261127101010},{"Key":"TransactionReason"}]},"ReferenceData":{"ReferenceItem":[{"Key":"Occasion"}]}}}"""
            .Replace("RECEIPT", completed.MpesaReceiptNumber!, StringComparison.Ordinal);
        using var response = await app.Anonymous().PostAsync(new Uri($"api/v1/daraja/transaction-status/result/{ShieldApp.CallbackSecret}", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var flagged = await client.GetPaymentAsync(completed.Id);
        Assert.Equal("verification_mismatch", flagged.ReviewReason);
        return flagged;
    }

    /// <summary>A payment whose success callback reported another amount: flagged amount_mismatch, held from the reconciler.</summary>
    private static async Task<PaymentDetails> AmountMismatchAsync(ShieldApp app, HttpClient client)
    {
        var created = await client.CreatePaymentAsync(Phones.Next(), 500);
        var checkout = created.Attempts[0].CheckoutRequestId!;
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(checkout, 5, "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant()))).Dispose();
        var flagged = await client.GetPaymentAsync(created.Id);
        Assert.Equal("amount_mismatch", flagged.ReviewReason);
        return flagged;
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
