using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// The process dies between sending the push and committing Daraja's answer. What survives is exactly what the first
/// commit wrote: the payment with attempt #1 in Sending and no CheckoutRequestID. After a restart the attempt is
/// resolved: Safaricom's callback is matched by phone and amount, or, without one, the attempt expires as
/// outcome_unknown (the customer may have paid, so it is flagged and not retriable without acknowledgement).
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task ProcessKilledAfterThePush_SuccessCallbackResolvesTheAttemptAfterRestart()
    {
        var (database, directory, phone, paymentId) = await CrashedAfterThePush(65);
        await using (database)
        {
            await using var restarted = new ShieldApp(new Dictionary<string, string?>
            {
                ["Simulator:CallbackDelay"] = "01:00:00",
                ["Reconciliation:Interval"] = "00:00:00.200",
            }, database);
            using var client = restarted.Client();
            Assert.Equal(AttemptStatus.Sending, (await client.GetPaymentAsync(paymentId)).Attempts[0].Status);

            using var callback = await restarted.Anonymous().PostCallbackAsync(
                StkCallbacks.Success("ws_CO_AFTER_CRASH_0001", 65, "CRASH00001", Phones.Msisdn(phone)));
            Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

            var settled = await client.WaitForAsync(paymentId);
            Assert.Equal(PaymentStatus.Completed, settled.Status);
            Assert.Equal("CRASH00001", settled.MpesaReceiptNumber);
            Assert.Equal("ws_CO_AFTER_CRASH_0001", settled.Attempts[0].CheckoutRequestId);
        }

        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ProcessKilledAfterThePush_WithoutACallback_ExpiresAsOutcomeUnknownFlaggedAndThePhoneIsFreed()
    {
        var (database, directory, phone, paymentId) = await CrashedAfterThePush(40);
        await using (database)
        {
            await using var restarted = new ShieldApp(new Dictionary<string, string?>
            {
                ["Reconciliation:Interval"] = "00:00:00.200",
                ["Reconciliation:ExpireAfter"] = "00:00:01",
            }, database);
            using var client = restarted.Client();

            var expired = await client.WaitForAsync(paymentId);

            // The push may have reached the customer, who may have paid: never offered as retriable, and a person looks.
            Assert.Equal(PaymentStatus.Expired, expired.Status);
            Assert.Equal("outcome_unknown", expired.Failure!.Code);
            Assert.False(expired.Failure.Retriable);
            Assert.Equal("outcome_unknown", expired.ReviewReason);
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostPaymentAsync(phone)).StatusCode);
        }

        Directory.Delete(directory, recursive: true);
    }

    private static async Task<(TestDatabase Database, string Directory, string Phone, Guid PaymentId)> CrashedAfterThePush(int amount)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = TestDatabase.Create(directory);
        var phone = Phones.Next();
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("demo"), null, Msisdn.Parse(phone), new Amount(amount),
            AccountReference.Parse("INV-CRASH"), Description.Default, DateTimeOffset.UtcNow.AddSeconds(-5));

        await using (var crashed = new ShieldApp(new Dictionary<string, string?> { ["Reconciliation:Enabled"] = "false" }, database))
        {
            crashed.Anonymous().Dispose();
            await using var scope = crashed.Scope();
            var db = scope.ServiceProvider.GetRequiredService<ShieldDbContext>();
            db.Payments.Add(payment); // the first commit: attempt #1 in Sending
            await db.SaveChangesAsync();
        }

        return (database, directory, phone, payment.Id.Value);
    }
}
