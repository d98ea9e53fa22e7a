using System.Net;
using System.Net.Http.Json;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>What an operator reads in the log (issue 12 §4): one line per refusal, the real outcome, every callback's fate.</summary>
public sealed class OperatorLogTests
{
    [Fact]
    public async Task ExpectedRefusals_AreEachOneInformationLine_WithoutErrorsOrStackTraces()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });
        using var client = app.Client();
        var phone = Phones.Next();
        var first = await client.CreatePaymentAsync(phone);

        using (var busy = await client.PostPaymentAsync(phone))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        }

        using var keyed = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/payments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { phoneNumber = Phones.Next(), amount = 100, accountReference = "INV-1" }),
        };
        keyed.Headers.Add("Idempotency-Key", "log-test-key-0001");
        (await client.SendAsync(keyed)).Dispose();
        using var reused = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/payments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { phoneNumber = Phones.Next(), amount = 200, accountReference = "INV-1" }),
        };
        reused.Headers.Add("Idempotency-Key", "log-test-key-0001");
        using (var mismatch = await client.SendAsync(reused))
        {
            Assert.Equal(HttpStatusCode.UnprocessableContent, mismatch.StatusCode);
        }

        using (var invalid = await client.PostAsync(new Uri("api/v1/payments", UriKind.Relative),
                   JsonContent.Create(new { phoneNumber = "12345", amount = 100, accountReference = "INV-1" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        var lines = app.Logs.Lines;
        Assert.Single(lines, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal)
            && l.Contains("subscriber_busy", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal)
            && l.Contains("validation_failed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("InitiatePaymentCommand", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("refused", StringComparison.Ordinal)
            && l.Contains("idempotency_key_reused", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"InitiatePaymentCommand for payment {first.Id} handled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callbacks_EachLogTheirOutcomeResultCodeAndPayment_AndACancelIsLoggedAsACancel()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "01:00:00" });
        using var client = app.Client();
        using var safaricom = app.Anonymous();
        var paid = await client.CreatePaymentAsync(Phones.Next(), 100);
        var cancelled = await client.CreatePaymentAsync(Phones.Next(), 100);
        var paidCheckout = paid.Attempts[0].CheckoutRequestId!;

        (await safaricom.PostCallbackAsync(StkCallbacks.Success(paidCheckout, 100, "LOGRCPT001"))).Dispose();
        (await safaricom.PostCallbackAsync(StkCallbacks.Success(paidCheckout, 100, "LOGRCPT001"))).Dispose();
        (await safaricom.PostCallbackAsync(StkCallbacks.Failure(cancelled.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"))).Dispose();
        (await safaricom.PostCallbackAsync(StkCallbacks.Failure("ws_CO_nobody_knows_it", 1037, "No response"))).Dispose();
        (await safaricom.PostCallbackAsync("{\"Body\":")).Dispose();

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains($"Applied: ResultCode 0 for payment {paid.Id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Duplicate: ResultCode 0 for payment {paid.Id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"Applied: ResultCode 1032 for payment {cancelled.Id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Unmatched: ResultCode 1037, CheckoutRequestID ws_CO_nobody_knows_it", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Malformed", StringComparison.Ordinal) && l.Contains("Callback ", StringComparison.Ordinal));
        // Each delivered event is one line of the built-in handler, which names the real outcome.
        await OutboxTests.WaitUntilDispatchedAsync(app, expected: 4);
        lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains($"payment.cancelled for payment {cancelled.Id}", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains($"payment.failed for payment {cancelled.Id}", StringComparison.Ordinal));
        Assert.Equal(PaymentStatus.Cancelled, (await client.GetPaymentAsync(cancelled.Id)).Status);
    }

    [Fact]
    public async Task Verification_LogsItsResult()
    {
        await using var app = new ShieldApp();
        using var client = app.Client();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        Assert.Equal(PaymentStatus.Completed, paid.Status);

        (await client.PostAsync(new Uri($"api/v1/payments/{paid.Id}/verify", UriKind.Relative), null)).Dispose();
        await client.WaitForAsync(paid.Id, p => p.Verification is { Status: not VerificationStatus.Requested });

        // The line is written once the commit is done, so a GET can see the result a moment before it.
        bool Logged() => app.Logs.Lines.Any(l => l.Contains("(TransactionStatusResult) Applied", StringComparison.Ordinal)
            && l.Contains($"for payment {paid.Id}, verification Confirmed", StringComparison.Ordinal));
        for (var waited = 0; !Logged() && waited < 50; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(Logged(), "no log line for the verification's result");
    }
}
