using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPaymentStats;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The Overview's figures (issue 16), counted by the database, on payments stored in known states at known times.</summary>
public sealed class PaymentStatsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Eat = TimeSpan.FromHours(3);
    private static int _phone = 100_000;

    [Fact]
    public async Task Stats_PaymentsAcrossEastAfricanDays_AreCountedOnTheirLocalDay_WithFailuresByCodeAndPendingByAge()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Reconciliation:Enabled"] = "false" });
        app.Anonymous().Dispose();
        var now = DateTimeOffset.UtcNow;
        await SaveAsync(app,
            Completed(new DateTimeOffset(2026, 10, 31, 20, 59, 0, TimeSpan.Zero), 1000), // 23:59 on 31 October in Nairobi: outside
            Completed(new DateTimeOffset(2026, 10, 31, 21, 30, 0, TimeSpan.Zero), 100), // 00:30 on 1 November in Nairobi
            Completed(new DateTimeOffset(2026, 11, 1, 22, 30, 0, TimeSpan.Zero), 200), // 01:30 on 2 November
            Settled(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), 70, "1032"),
            Completed(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), 50),
            Settled(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), 80, "1"),
            Settled(new DateTimeOffset(2026, 11, 3, 20, 59, 0, TimeSpan.Zero), 90, "1"), // 23:59 on 3 November
            Completed(new DateTimeOffset(2026, 11, 3, 21, 0, 0, TimeSpan.Zero), 5000), // midnight of 4 November: outside
            Pending(now.AddSeconds(-30)), Pending(now.AddMinutes(-3)), Pending(now.AddMinutes(-10)), Pending(now.AddHours(-2)), Pending(now.AddDays(-2)),
            Pending(now.AddHours(-3)));

        var stats = await app.QueryAsync(new GetPaymentStatsQuery(new DateTimeOffset(2026, 11, 1, 0, 0, 0, Eat), new DateTimeOffset(2026, 11, 4, 0, 0, 0, Eat)));

        Assert.Equal((350L, 6, 3, 6), (stats.CollectedAmount, stats.PaymentCount, stats.CompletedCount, stats.SettledCount));
        Assert.Equal(0.5, stats.SuccessRate);
        Assert.Equal(
            [new PaymentStatsDay(new DateOnly(2026, 11, 1), 100, 1, 0), new PaymentStatsDay(new DateOnly(2026, 11, 2), 200, 1, 1), new PaymentStatsDay(new DateOnly(2026, 11, 3), 50, 1, 2)],
            stats.Days);
        Assert.Equal([new FailureCount("insufficient_funds", 2), new FailureCount("cancelled_by_customer", 1)], stats.Failures);
        Assert.Equal([1, 1, 1, 2, 1], stats.Pending.Select(p => p.Count));
        Assert.Equal(Enum.GetValues<PendingAge>(), stats.Pending.Select(p => p.Age));
    }

    [Fact]
    public async Task Stats_NoPaymentsInTheRange_HasNoSuccessRate_AndEveryDayAtZero()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Reconciliation:Enabled"] = "false" });
        app.Anonymous().Dispose();

        var stats = await app.QueryAsync(new GetPaymentStatsQuery(new DateTimeOffset(2026, 11, 1, 12, 0, 0, Eat), new DateTimeOffset(2026, 11, 2, 12, 0, 0, Eat)));

        Assert.Null(stats.SuccessRate);
        Assert.Equal([new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)], stats.Days.Select(d => d.Date));
        Assert.All(stats.Days, d => Assert.Equal((0L, 0, 0), (d.CollectedAmount, d.CompletedCount, d.FailedCount)));
        Assert.All(stats.Pending, p => Assert.Equal(0, p.Count));
    }

    /// <summary>The figure the report quotes: one call over 30 days of 10,000 payments (written to the test output).</summary>
    [Fact]
    public async Task Stats_TenThousandPaymentsOverThirtyDays_AreAllCounted()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Reconciliation:Enabled"] = "false" });
        app.Anonymous().Dispose();
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, Eat);
        var random = new Random(16);
        var payments = Enumerable.Range(0, 10_000).Select(i =>
        {
            var at = start.AddMinutes(random.Next(0, 30 * 24 * 60)).ToUniversalTime();
            return (i % 10) switch
            {
                < 7 => Completed(at, 100),
                7 => Settled(at, 100, "1032"),
                8 => Settled(at, 100, "1"),
                _ => Settled(at, 100, "1037"),
            };
        }).ToArray();
        foreach (var chunk in payments.Chunk(2000))
        {
            await SaveAsync(app, chunk);
        }

        var query = new GetPaymentStatsQuery(start, start.AddDays(30));
        var first = Stopwatch.StartNew();
        var stats = await app.QueryAsync(query);
        first.Stop();
        var second = Stopwatch.StartNew();
        await app.QueryAsync(query);
        second.Stop();
        output.WriteLine($"{app.Database.Provider}: 10,000 payments, 30 days: first call {first.ElapsedMilliseconds} ms, second {second.ElapsedMilliseconds} ms");

        Assert.Equal((10_000, 7_000, 700_000L), (stats.PaymentCount, stats.CompletedCount, stats.CollectedAmount));
        Assert.Equal(30, stats.Days.Count);
        Assert.Equal(10_000, stats.Days.Sum(d => d.CompletedCount + d.FailedCount));
        Assert.Equal(0.7, stats.SuccessRate!.Value, 6);
        Assert.Equal([1_000, 1_000, 1_000], stats.Failures.Select(f => f.Count));
    }

    private static async Task SaveAsync(ShieldApp app, params Payment[] payments)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ShieldDbContext>();
        db.Payments.AddRange(payments);
        await db.SaveChangesAsync();
    }

    private static Payment Pending(DateTimeOffset createdAt) => New(createdAt, 10);

    private static Payment Completed(DateTimeOffset createdAt, int amount)
    {
        var payment = New(createdAt, amount);
        var checkout = $"ws_CO_{Guid.NewGuid():N}";
        payment.RecordPushAccepted(1, "m-1", checkout, createdAt).Must();
        payment.ApplyStkResult(new StkResult(checkout, "0", "ok", new Receipt(OperatorQueries.NewReceipt(), amount, createdAt, null)), createdAt.AddSeconds(20)).Must();
        return payment;
    }

    private static Payment Settled(DateTimeOffset createdAt, int amount, string resultCode)
    {
        var payment = New(createdAt, amount);
        var checkout = $"ws_CO_{Guid.NewGuid():N}";
        payment.RecordPushAccepted(1, "m-1", checkout, createdAt).Must();
        payment.ApplyStkResult(new StkResult(checkout, resultCode, "declined", null), createdAt.AddSeconds(20)).Must();
        return payment;
    }

    private static Payment New(DateTimeOffset createdAt, int amount) =>
        Payment.Initiate(PaymentId.New(), new ClientId("demo"), null, Msisdn.Parse($"0711{Interlocked.Increment(ref _phone) % 1_000_000:D6}"), new Amount(amount),
            AccountReference.Parse("STATS"), Description.Parse("Stats"), createdAt);
}
