using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// POST /api/v1/payments/{id}/review/resolve, the command README "Extending" adds end to end: a flagged payment leaves
/// the review queue with the decision recorded and published, its status untouched.
/// </summary>
public sealed class ResolveReviewTests
{
    [Fact]
    public async Task Resolve_FlaggedPayment_RecordsTheDecision_KeepsTheStatus_AndPublishesIt()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });
        using var client = app.Client();
        var payment = await FlaggedAsync(app, client);

        using var response = await client.PostAsJsonAsync(Resolve(payment.Id), new { note = "Customer paid KES 5 by mistake; refunded by hand." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resolved = (await response.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!;
        Assert.Null(resolved.ReviewReason);
        Assert.Equal(PaymentStatus.Pending, resolved.Status);
        Assert.Equal("amount_mismatch", resolved.ReviewResolution!.Reason);
        Assert.Equal("client:demo", resolved.ReviewResolution.ResolvedBy);
        Assert.Equal("Customer paid KES 5 by mistake; refunded by hand.", resolved.ReviewResolution.Note);
        Assert.Equal(resolved.ReviewResolution.Note, (await client.GetPaymentAsync(payment.Id)).ReviewResolution!.Note);
        Assert.Equal(["payment.created", "payment.flagged_for_review", "payment.review_resolved"],
            (await OutboxTests.EventsOf(app, payment.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task Resolve_PaymentNotFlagged_Is409_AndANoteIsRequired()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });
        using var client = app.Client();
        var plain = await client.CreatePaymentAsync(Phones.Next());
        var flagged = await FlaggedAsync(app, client);

        using var notFlagged = await client.PostAsJsonAsync(Resolve(plain.Id), new { note = "Looked at it." });
        using var noNote = await client.PostAsJsonAsync(Resolve(flagged.Id), new { note = " " });
        using var elsewhere = await client.PostAsJsonAsync(Resolve(Guid.CreateVersion7()), new { note = "Looked at it." });

        Assert.Equal("payment_not_under_review", await CodeOf(notFlagged, HttpStatusCode.Conflict));
        Assert.Equal("validation_failed", await CodeOf(noNote, HttpStatusCode.BadRequest));
        Assert.Equal("payment_not_found", await CodeOf(elsewhere, HttpStatusCode.NotFound));
        Assert.Equal("amount_mismatch", (await client.GetPaymentAsync(flagged.Id)).ReviewReason);
    }

    private static Uri Resolve(Guid id) => new($"api/v1/payments/{id}/review/resolve", UriKind.Relative);

    /// <summary>A payment whose success callback reported another amount: flagged amount_mismatch.</summary>
    private static async Task<PaymentDetails> FlaggedAsync(ShieldApp app, HttpClient client)
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
