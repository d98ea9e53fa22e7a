using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Persistence;

/// <summary>Specifications evaluated against a real (in-memory) SQLite database built by the migrations.</summary>
public sealed class SpecificationEvaluatorTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteShieldDbContext _db;

    public SpecificationEvaluatorTests()
    {
        _connection.Open();
        _db = new SqliteShieldDbContext(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite(_connection).Options);
        _db.Database.Migrate();
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    private async Task<List<Payment>> SeedHistoryAsync()
    {
        // Five payments of client-a one minute apart, every other one completed, and one of client-b in between.
        var created = new List<Payment>();
        for (var i = 0; i < 5; i++)
        {
            var payment = Payment.Initiate(PaymentId.New(), new ClientId("client-a"), null, Msisdn.Parse(i == 4 ? "0110000001" : $"07083741{40 + i}"),
                new Amount(10 + i), AccountReference.Parse($"INV-{i}"), Description.Default, TestPayments.Now.AddMinutes(i));
            payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, $"ws_CO_history_{i}", TestPayments.Now.AddMinutes(i)).Must();
            if (i % 2 == 0)
            {
                payment.ApplyStkResult(TestPayments.Success(amount: 10 + i, phone: null, receipt: $"RCPT{i}", checkoutRequestId: $"ws_CO_history_{i}"),
                    TestPayments.Now.AddMinutes(i)).Must();
            }

            created.Add(payment);
        }

        _db.Payments.AddRange(created);
        _db.Payments.Add(TestPayments.AwaitingCustomer(checkoutRequestId: "ws_CO_other_client", client: "client-b", phone: "0708374199"));
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        return created;
    }

    private static PaymentFilter NoFilter => new(null, null, null, null, null);

    [Fact]
    public async Task Apply_PaymentsForClientSpec_ListsOnlyThatClientNewestFirst()
    {
        var created = await SeedHistoryAsync();

        var listed = await SpecificationEvaluator.Apply(_db.Payments, new PaymentsForClientSpec(new ClientId("client-a"), NoFilter)).ToListAsync();

        Assert.Equal(created.Select(p => p.Id).Reverse(), listed.Select(p => p.Id));
    }

    [Fact]
    public async Task Apply_PaymentsForClientSpecPaged_ReturnsThatPage()
    {
        var created = await SeedHistoryAsync();

        var second = await SpecificationEvaluator.Apply(_db.Payments, new PaymentsForClientSpec(new ClientId("client-a"), NoFilter, page: 2, pageSize: 2))
            .ToListAsync();

        Assert.Equal([created[2].Id, created[1].Id], second.Select(p => p.Id));
    }

    [Fact]
    public async Task ApplyCriteria_PagedSpec_CountsEveryMatchIgnoringPaging()
    {
        await SeedHistoryAsync();

        var count = await SpecificationEvaluator.ApplyCriteria(_db.Payments, new PaymentsForClientSpec(new ClientId("client-a"), NoFilter, page: 2, pageSize: 2))
            .CountAsync();

        Assert.Equal(5, count);
    }

    [Fact]
    public async Task Apply_PaymentsForClientSpecFiltered_AppliesEveryFilter()
    {
        var created = await SeedHistoryAsync();
        var client = new ClientId("client-a");

        var completed = await SpecificationEvaluator.Apply(_db.Payments,
            new PaymentsForClientSpec(client, NoFilter with { Status = PaymentStatus.Completed })).ToListAsync();
        var byPhone = await SpecificationEvaluator.Apply(_db.Payments,
            new PaymentsForClientSpec(client, NoFilter with { PhoneNumber = Msisdn.Parse("0110000001") })).ToListAsync();
        var byReference = await SpecificationEvaluator.Apply(_db.Payments,
            new PaymentsForClientSpec(client, NoFilter with { AccountReference = AccountReference.Parse("INV-3") })).ToListAsync();
        var inWindow = await SpecificationEvaluator.Apply(_db.Payments,
            new PaymentsForClientSpec(client, NoFilter with { CreatedFrom = TestPayments.Now.AddMinutes(1), CreatedTo = TestPayments.Now.AddMinutes(2) }))
            .ToListAsync();

        Assert.Equal([created[4].Id, created[2].Id, created[0].Id], completed.Select(p => p.Id));
        Assert.Equal([created[4].Id], byPhone.Select(p => p.Id));
        Assert.Equal([created[3].Id], byReference.Select(p => p.Id));
        Assert.Equal([created[2].Id, created[1].Id], inWindow.Select(p => p.Id));
        Assert.Empty(_db.ChangeTracker.Entries());
    }
}
