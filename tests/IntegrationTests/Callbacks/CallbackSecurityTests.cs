using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Callbacks;

/// <summary>Unsigned callbacks are admitted by secret (rotatable), optionally by source address, and within size limits.</summary>
public sealed class CallbackSecurityTests
{
    private const string OldSecret = "previous-callback-secret-01";

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:CallbackDelay"] = "01:00:00",
            ["Reconciliation:Enabled"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Secret_BeingRotated_AcceptsTheOldAndTheNewButNoOther()
    {
        await using var app = new ShieldApp(Settings(("Mpesa:AcceptedCallbackSecrets:0", OldSecret)));
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var first = await client.CreatePaymentAsync(Phones.Next());
        var second = await client.CreatePaymentAsync(Phones.Next());

        using var viaOld = await safaricom.PostCallbackAsync(StkCallbacks.Failure(first.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"), OldSecret);
        using var viaNew = await safaricom.PostCallbackAsync(StkCallbacks.Failure(second.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"));
        using var viaOther = await safaricom.PostCallbackAsync("{}", "some-other-secret-value-01");

        Assert.Equal(HttpStatusCode.OK, viaOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaNew.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, viaOther.StatusCode);
        Assert.Equal(PaymentStatus.Cancelled, (await client.GetPaymentAsync(first.Id)).Status);
        Assert.Equal(PaymentStatus.Cancelled, (await client.GetPaymentAsync(second.Id)).Status);
    }

    [Fact]
    public async Task Source_OutsideTheAllowList_IsForbiddenAndKeptButNotApplied()
    {
        await using var app = new ShieldApp(Settings(("Mpesa:CallbackAllowedIps:0", "196.201.214.200"), ("Mpesa:CallbackAllowedIps:1", "196.201.212.0/24")));
        using var client = app.Client();
        var payment = await client.CreatePaymentAsync(Phones.Next(), 70);
        var checkout = payment.Attempts[0].CheckoutRequestId!;
        using var safaricom = app.Anonymous();
        safaricom.DefaultRequestHeaders.Add("X-Forwarded-For", "196.201.214.200"); // not believed: no proxy is trusted

        using var response = await safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 70, "SPOOF00001"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("callback_source_not_allowed", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(PaymentStatus.Pending, (await client.GetPaymentAsync(payment.Id)).Status);
        var kept = await app.WithDatabase(db => db.Callbacks.SingleAsync(c => c.Body.Contains("SPOOF00001")));
        Assert.Equal(CallbackOutcome.SourceRejected, kept.Outcome);
        Assert.Equal("127.0.0.1", kept.RemoteAddress);
    }

    [Fact]
    public async Task Source_ForwardedByATrustedProxy_IsJudgedByTheForwardedAddress()
    {
        await using var app = new ShieldApp(Settings(
            ("Mpesa:CallbackAllowedIps:0", "196.201.212.0/24"),
            ("ForwardedHeaders:KnownProxies:0", "127.0.0.1")));
        using var client = app.Client();
        var allowed = await client.CreatePaymentAsync(Phones.Next(), 70);
        var refused = await client.CreatePaymentAsync(Phones.Next(), 70);

        using var fromSafaricom = app.Anonymous();
        fromSafaricom.DefaultRequestHeaders.Add("X-Forwarded-For", "196.201.212.69");
        using var ok = await fromSafaricom.PostCallbackAsync(StkCallbacks.Success(allowed.Attempts[0].CheckoutRequestId!, 70, "PROXY00001"));
        using var fromElsewhere = app.Anonymous();
        fromElsewhere.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var forbidden = await fromElsewhere.PostCallbackAsync(StkCallbacks.Success(refused.Attempts[0].CheckoutRequestId!, 70, "PROXY00002"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(PaymentStatus.Completed, (await client.GetPaymentAsync(allowed.Id)).Status);
        Assert.Equal(PaymentStatus.Pending, (await client.GetPaymentAsync(refused.Id)).Status);
        var stored = await app.WithDatabase(db => db.Callbacks.SingleAsync(c => c.Body.Contains("PROXY00001")));
        Assert.Equal("196.201.212.69", stored.RemoteAddress);
    }

    [Fact]
    public async Task Bodies_OverTheLimits_AreTooLarge()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();

        using var callback = await app.Anonymous().PostCallbackAsync("{\"pad\":\"" + new string('x', 17 * 1024) + "\"}");
        using var payment = await client.PostAsync(new Uri("api/v1/payments", UriKind.Relative),
            new StringContent("{\"phoneNumber\":\"" + new string('7', 65 * 1024) + "\"}", Encoding.UTF8, "application/json"));
        using var fits = await app.Anonymous().PostCallbackAsync("{\"pad\":\"" + new string('x', 15 * 1024) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, callback.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, payment.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, fits.StatusCode); // within the limit: stored, read, malformed
        using var problem = JsonDocument.Parse(await callback.Content.ReadAsStringAsync());
        Assert.Equal("payload_too_large", problem.RootElement.GetProperty("code").GetString());
    }
}
