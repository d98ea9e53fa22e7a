using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.Infrastructure.Events;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Events;

/// <summary>
/// Issue 13's outbox through the real host on the suite's engine: every state change writes its event in the commit of
/// the change (a failure after the aggregate's write leaves neither), and the dispatcher delivers every event to the
/// in-process handlers at least once, in order per payment, retrying a failing handler without holding up others.
/// </summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task StateChanges_WriteTheirEventsInTheCommit_NumberedInOrderWithThePaymentAsGetShowsIt()
    {
        await using var app = new ShieldApp();
        using var client = app.Client();

        var created = await client.CreatePaymentAsync(Phones.Next());
        var completed = await client.WaitForAsync(created.Id);

        var events = await EventsOf(app, created.Id);
        Assert.Equal([PaymentEventTypes.Created, PaymentEventTypes.Completed], events.Select(e => e.Type));
        Assert.Equal([1, 2], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Equal("demo", e.ClientId));
        Assert.True(events[0].Id.CompareTo(events[1].Id) < 0, "event ids sort in the order the events happened");
        var atCreation = Data(events[0]);
        var atCompletion = Data(events[1]);
        Assert.Equal(PaymentStatus.Pending, atCreation.Status);
        Assert.Equal(AttemptStatus.Sending, Assert.Single(atCreation.Attempts).Status);
        Assert.Equal(PaymentStatus.Completed, atCompletion.Status);
        Assert.Equal(completed.MpesaReceiptNumber, atCompletion.MpesaReceiptNumber);
        // The payment as GET showed it, but for its refunds (another module's rows, told by their own events).
        Assert.Equal((0, 0), (completed.RefundedAmount, completed.Refunds!.Count));
        Assert.Equal(JsonSerializer.Serialize(completed with { RefundedAmount = null, Refunds = null }, EventJson.Options),
            JsonSerializer.Serialize(atCompletion, EventJson.Options));
    }

    [Fact]
    public async Task EveryKindOfChange_WritesItsPublicType()
    {
        await using var app = new ShieldApp();
        using var client = app.Client();

        var cancelled = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next("1032"))).Id);
        using (var retry = await client.PostAsync(new Uri($"api/v1/payments/{cancelled.Id}/retry", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }

        await client.WaitForAsync(cancelled.Id);
        var failed = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next("0001"))).Id);
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        (await client.PostAsync(new Uri($"api/v1/payments/{paid.Id}/verify", UriKind.Relative), null)).Dispose();
        await client.WaitForAsync(paid.Id, p => p.Verification is { Status: not VerificationStatus.Requested });

        Assert.Equal(["payment.created", "payment.cancelled", "payment.retried", "payment.cancelled"], (await EventsOf(app, cancelled.Id)).Select(e => e.Type));
        Assert.Equal(["payment.created", "payment.failed"], (await EventsOf(app, failed.Id)).Select(e => e.Type));
        Assert.Equal(["payment.created", "payment.completed", "payment.verified"], (await EventsOf(app, paid.Id)).Select(e => e.Type));
    }

    /// <summary>
    /// A trigger makes the database refuse one table's row in the commit of a new payment, the Events row or the
    /// attempt's (written after the payment's and, whatever order EF picks for the unrelated Events, after one of the
    /// two): the payment is not stored, nor its event, and the client is told it failed.
    /// </summary>
    [Theory]
    [InlineData("Events")]
    [InlineData("PaymentAttempts")]
    public async Task FailureInTheChangesCommit_LeavesNeitherThePaymentNorItsEvent(string refusedTable)
    {
        await using var app = new ShieldApp();
        using var client = app.Client();
        var phone = Phones.Next();
        await RefuseInsertsAsync(app, refusedTable);

        using var response = await client.PostPaymentAsync(phone);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var stored = await app.WithDatabase(async db => (await db.Payments.AsNoTracking().ToListAsync()).Count(p => p.PhoneNumber.Value == Phones.Msisdn(phone)));
        Assert.Equal(0, stored);
        Assert.Equal(0, await app.WithDatabase(db => db.Events.CountAsync()));
        Assert.Equal(0, app.Journal.Requests.Count(r => r.Body?.Contains(Phones.Msisdn(phone), StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Dispatcher_DeliversEveryEventOnce_InOrderPerPayment_WithItsEnvelope()
    {
        var record = new EventRecord();
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Simulator:CallbackDelay"] = "00:00:00.100" })
        {
            TestServices = services => services.AddSingleton(record).AddScoped<IEventHandler<PaymentEvent>, RecordingEventHandler>(),
        };
        using var client = app.Client();

        var ids = new List<Guid>();
        foreach (var scenario in new[] { "4149", "1032", "0001", "4149", "2001" })
        {
            ids.Add((await client.CreatePaymentAsync(Phones.Next(scenario))).Id);
        }

        foreach (var id in ids)
        {
            await client.WaitForAsync(id);
        }

        var stored = await WaitUntilDispatchedAsync(app, expected: ids.Count * 2);
        var delivered = record.Deliveries.ToList();
        Assert.Equal(stored.Select(e => e.Id).Order(), delivered.Select(e => e.Id).Order());
        foreach (var payment in delivered.GroupBy(e => e.PaymentId))
        {
            Assert.Equal(payment.Select(e => e.Sequence).Order(), payment.Select(e => e.Sequence));
        }

        var first = stored.First(e => e.PaymentId == ids[0] && e.Sequence == 1);
        var envelope = delivered.Single(e => e.Id == first.Id);
        Assert.Equal((first.Type, first.ClientId, first.OccurredAt), (envelope.Type, envelope.ClientId, envelope.OccurredAt));
        Assert.Equal(ids[0], envelope.Payment.Id);
        Assert.Empty(record.Failures);
    }

    [Fact]
    public async Task FailingHandler_IsCalledAgainWithBackoff_AndHoldsUpOnlyItsPaymentsLaterEvents()
    {
        var record = new EventRecord();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Events:MaxBackoff"] = "00:00:00.300",
            ["Events:PollInterval"] = "00:00:00.100",
        })
        {
            TestServices = services => services.AddSingleton(record).AddScoped<IEventHandler<PaymentEvent>, RecordingEventHandler>(),
        };
        using var client = app.Client();
        var failing = Phones.Next();
        record.FailFor[Phones.Msisdn(failing)] = 5;

        var held = await client.CreatePaymentAsync(failing);
        var other = await client.CreatePaymentAsync(Phones.Next());
        await client.WaitForAsync(held.Id);
        await client.WaitForAsync(other.Id);
        var stored = await WaitUntilDispatchedAsync(app, expected: 4);

        var heldCreated = stored.Single(e => e.PaymentId == held.Id && e.Sequence == 1);
        Assert.Equal(5, heldCreated.Attempts);
        Assert.Equal(nameof(InvalidOperationException), heldCreated.LastError);
        Assert.All(record.Failures, f => Assert.Equal(heldCreated.Id, f.Id));
        var delivered = record.Deliveries.ToList();
        var heldCompleted = delivered.FindIndex(e => e.PaymentId == held.Id && e.Sequence == 2);
        Assert.True(delivered.FindIndex(e => e.Id == heldCreated.Id) < heldCompleted, "a payment's events are delivered in order");
        var otherCompleted = delivered.FindIndex(e => e.PaymentId == other.Id && e.Sequence == 2);
        Assert.True(otherCompleted < delivered.FindIndex(e => e.Id == heldCreated.Id), "another payment's events were not held up");
    }

    [Fact]
    public async Task DeliveredEvents_AreDeletedAfterTheRetention_OthersKept()
    {
        await using var app = new ShieldApp();
        using var client = app.Client();
        var payment = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        await WaitUntilDispatchedAsync(app, expected: 2);

        await using var scope = app.Scope();
        var leases = scope.ServiceProvider.GetRequiredService<EventLeases>();
        var stored = await EventsOf(app, payment.Id);
        var (first, second) = (stored[0].DispatchedAt!.Value, stored[1].DispatchedAt!.Value);
        var deleted = await leases.DeleteDeliveredBeforeAsync(first + ((second - first) / 2), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal([2], (await EventsOf(app, payment.Id)).Select(e => e.Sequence));
    }

    internal static async Task<List<StoredEvent>> EventsOf(ShieldApp app, Guid paymentId) =>
        await app.WithDatabase(async db => (await db.Events.AsNoTracking().Where(e => e.PaymentId == paymentId).ToListAsync()).OrderBy(e => e.Sequence).ToList());

    internal static async Task<List<StoredEvent>> WaitUntilDispatchedAsync(ShieldApp app, int expected)
    {
        for (var i = 0; i < 300; i++)
        {
            var stored = await app.WithDatabase(db => db.Events.AsNoTracking().ToListAsync());
            if (stored.Count >= expected && stored.All(e => e.DispatchedAt is not null))
            {
                return stored;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The events were not all delivered within 30 s (expected at least {expected}).");
    }

    private static PaymentDetails Data(StoredEvent stored) => JsonSerializer.Deserialize<PaymentDetails>(stored.Data, EventJson.Options)!;

    /// <summary>A trigger on the Events table that aborts any insert: the engine fails the transaction after the payment's rows.</summary>
    private static Task<int> RefuseInsertsAsync(ShieldApp app, string table) => app.WithDatabase(async db =>
    {
        if (db.Database.IsSqlite())
        {
            var sql = $"""CREATE TRIGGER "Refuse{table}" BEFORE INSERT ON "{table}" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""";
            await db.Database.ExecuteSqlRawAsync(sql);
        }
        else
        {
            var sql = $"""
                CREATE FUNCTION refuse_inserts() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END; $$ LANGUAGE plpgsql;
                CREATE TRIGGER "Refuse{table}" BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION refuse_inserts();
                """;
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        return 0;
    });
}
