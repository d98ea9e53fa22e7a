using Microsoft.EntityFrameworkCore;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Persistence;

/// <summary>
/// The unique indexes of ARCHITECTURE.md §4 exist on the engine the suite runs on (SQLite, PostgreSQL): each test
/// tries to store what the index forbids and expects the database to refuse it.
/// </summary>
public sealed class UniqueIndexTests(MigratedApp host) : IClassFixture<MigratedApp>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => host.App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CheckoutRequestId_UsedByTwoAttempts_IsRefused()
    {
        var first = NewPayment();
        var second = NewPayment();
        first.RecordPushAccepted(1, "m-1", "ws_CO_SAME", Now).Must();
        second.RecordPushAccepted(1, "m-2", "ws_CO_SAME", Now).Must();

        await AssertRefused(first, second);
    }

    [Fact]
    public async Task MpesaReceiptNumber_OnTwoPayments_IsRefused()
    {
        var first = Paid(NewPayment(), "ws_CO_A", "RCPT000001");
        var second = Paid(NewPayment(), "ws_CO_B", "RCPT000001");

        await AssertRefused(first, second);
    }

    [Fact]
    public async Task IdempotencyKey_TwiceForOneClient_IsRefused()
    {
        await AssertRefused(NewPayment(key: "order-42"), NewPayment(key: "order-42"));
    }

    [Fact]
    public async Task IdempotencyKey_SameForTwoClients_IsAllowed()
    {
        await host.SaveAsync(NewPayment(key: "order-43", client: "shop"));
        await host.SaveAsync(NewPayment(key: "order-43", client: "kiosk"));

        Assert.Equal(2, await host.App.WithDatabase(db => db.Payments.CountAsync(p => p.IdempotencyKey == "order-43")));
    }

    [Fact]
    public async Task PushInFlight_TwiceForOnePhone_IsRefused()
    {
        var phone = Phones.Next();

        await AssertRefused(NewPayment(phone: phone), NewPayment(phone: phone));
    }

    [Fact]
    public async Task PushInFlight_AfterTheFirstSettled_IsAllowed()
    {
        var phone = Phones.Next();
        var first = Paid(NewPayment(phone: phone), $"ws_CO_{Guid.NewGuid():N}", $"R{Guid.NewGuid():N}"[..10]);
        var second = NewPayment(phone: phone);

        await host.SaveAsync(first);
        await host.SaveAsync(second);

        Assert.Equal(2, await Stored([first, second]));
    }

    [Fact]
    public async Task NullKeysAndPendingAttempts_AreNotDuplicates()
    {
        Payment[] payments = [NewPayment(), NewPayment(), NewPayment()];
        await host.SaveAsync(payments);

        Assert.Equal(3, await Stored(payments));
    }

    private static Payment NewPayment(string? key = null, string client = "shop", string? phone = null) =>
        Payment.Initiate(PaymentId.New(), new ClientId(client), key, Msisdn.Parse(phone ?? Phones.Next()), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, Now);

    private static Payment Paid(Payment payment, string checkoutRequestId, string receipt)
    {
        payment.RecordPushAccepted(1, "m", checkoutRequestId, Now).Must();
        payment.ApplyStkResult(new StkResult(checkoutRequestId, "0", "ok", new Receipt(receipt, 100, Now, payment.PhoneNumber.Value)), Now).Must();
        return payment;
    }

    private async Task AssertRefused(Payment first, Payment second)
    {
        await host.SaveAsync(first);

        await Assert.ThrowsAsync<DbUpdateException>(() => host.SaveAsync(second));
        Assert.Equal(1, await Stored([first, second]));
    }

    private Task<int> Stored(Payment[] payments)
    {
        var ids = payments.Select(p => p.Id).ToList();
        return host.App.WithDatabase(db => db.Payments.CountAsync(p => ids.Contains(p.Id)));
    }
}
