using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Infrastructure.Events;
using Shield.Infrastructure.Persistence;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Persistence;

/// <summary>The repository's explicit reads, against a real (in-memory) SQLite database built by the migrations.</summary>
public sealed class PaymentRepositoryTests : IDisposable
{
    private static readonly DateTimeOffset T = TestPayments.Now;
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteShieldDbContext _db;
    private readonly PaymentRepository _repository;

    public PaymentRepositoryTests()
    {
        _connection.Open();
        _db = new SqliteShieldDbContext(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite(_connection).Options);
        _db.Database.Migrate();
        var gate = new SqliteWriteGate(Options.Create(new DatabaseOptions()));
        _repository = new PaymentRepository(_db, new UnitOfWork(_db, gate, [], new EventSignal(), new Shield.Infrastructure.Webhooks.WebhookSignal()), new PaymentByCheckoutRequestIdQuery());
    }

    public void Dispose()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    private async Task SaveAsync(params Payment[] payments)
    {
        _db.Payments.AddRange(payments);
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
    }

    private async Task<(Payment Mine, Payment Theirs)> SeedAsync()
    {
        var mine = TestPayments.AwaitingCustomer(checkoutRequestId: "ws_CO_mine", client: "client-a");
        var theirs = TestPayments.AwaitingCustomer(checkoutRequestId: "ws_CO_theirs", client: "client-b", phone: "0708374150");
        await SaveAsync(mine, theirs);
        return (mine, theirs);
    }

    [Fact]
    public async Task FindAsync_OwnersPayment_IsFoundTrackedWithItsAttempts()
    {
        var (mine, _) = await SeedAsync();

        var found = await _repository.FindAsync(mine.Id, new ClientId("client-a"), CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal("254708374149", found.PhoneNumber.Value);
        Assert.Equal("ws_CO_mine", Assert.Single(found.Attempts).CheckoutRequestId);
        Assert.Equal(EntityState.Unchanged, _db.Entry(found).State);
    }

    [Fact]
    public async Task FindAsync_AnotherClientsPayment_IsNotFound_ButShieldsOwnWorkFindsAny()
    {
        var (mine, theirs) = await SeedAsync();

        Assert.Null(await _repository.FindAsync(theirs.Id, new ClientId("client-a"), CancellationToken.None));
        Assert.Null(await _repository.FindAsync(mine.Id, new ClientId("client-b"), CancellationToken.None));
        Assert.Equal(theirs.Id, (await _repository.FindAsync(theirs.Id, null, CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task FindByCheckoutRequestIdAsync_KnownAndUnknownIds_FindThatAttemptsPaymentTrackedOrNothing()
    {
        var (_, theirs) = await SeedAsync();

        var found = await _repository.FindByCheckoutRequestIdAsync("ws_CO_theirs", CancellationToken.None);

        Assert.Equal(theirs.Id, found?.Id);
        Assert.Equal(EntityState.Unchanged, _db.Entry(found!).State);
        Assert.Null(await _repository.FindByCheckoutRequestIdAsync("ws_CO_unknown", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_ChangedAndSaved_IsReadBackWithItsOutcome()
    {
        var (mine, _) = await SeedAsync();
        var tracked = await _repository.FindByCheckoutRequestIdAsync("ws_CO_mine", CancellationToken.None);
        tracked!.ApplyStkResult(TestPayments.Success(checkoutRequestId: "ws_CO_mine"), T.AddMinutes(1)).Must();
        await _repository.UnitOfWork.SaveChangesAsync(CancellationToken.None);
        _repository.UnitOfWork.DiscardChanges();

        var reread = await _repository.FindAsync(mine.Id, null, CancellationToken.None);

        Assert.Equal(PaymentStatus.Completed, reread!.Status);
        Assert.Equal(TestPayments.ReceiptNumber, reread.MpesaReceiptNumber);
        Assert.Equal(AttemptStatus.Succeeded, Assert.Single(reread.Attempts).Status);
    }

    [Fact]
    public async Task ListDueForReconciliationAsync_SelectsWhatTheDomainCallsDue_OldestFirstUpToTake()
    {
        var newest = Accepted(T.AddSeconds(2), "ws_CO_newest", "0708374152");
        var oldest = Accepted(T, "ws_CO_oldest", "0708374150");
        var middle = Accepted(T.AddSeconds(1), "ws_CO_middle", "0708374151");
        var notYet = Accepted(T.AddSeconds(50), "ws_CO_not_yet", "0708374153");
        var settled = Accepted(T, "ws_CO_settled", "0708374154");
        settled.ApplyStkResult(TestPayments.Failure("1032", checkoutRequestId: "ws_CO_settled"), T.AddSeconds(5)).Must();
        var held = Accepted(T, "ws_CO_held", "0708374155");
        held.ApplyStkResult(TestPayments.Success(amount: 7, checkoutRequestId: "ws_CO_held"), T.AddSeconds(5)).Must(); // amount mismatch
        var completedWithOneInFlight = Accepted(T.AddSeconds(3), "ws_CO_first", "0708374156");
        completedWithOneInFlight.ApplyStkResult(TestPayments.Failure("1037", checkoutRequestId: "ws_CO_first"), T.AddSeconds(4)).Must();
        completedWithOneInFlight.Retry(3, T.AddSeconds(5)).Must();
        completedWithOneInFlight.RecordPushAccepted(2, "m-2", "ws_CO_second", T.AddSeconds(5)).Must();
        completedWithOneInFlight.ApplyStkResult(TestPayments.Success(amount: 100, phone: null, checkoutRequestId: "ws_CO_first"), T.AddSeconds(6)).Must();
        Assert.Equal(PaymentStatus.Completed, completedWithOneInFlight.Status);
        await SaveAsync(newest, oldest, middle, notYet, settled, held, completedWithOneInFlight);
        var at = T.AddSeconds(60);

        var all = await _repository.ListDueForReconciliationAsync(ReconciliationSchedule.Default, at, 100, CancellationToken.None);
        var two = await _repository.ListDueForReconciliationAsync(ReconciliationSchedule.Default, at, 2, CancellationToken.None);

        Assert.Equal([oldest.Id, middle.Id, newest.Id, completedWithOneInFlight.Id], all);
        Assert.Equal([oldest.Id, middle.Id], two);
        foreach (var id in all)
        {
            Assert.NotNull(Reconciliation.AttemptDue((await _repository.FindAsync(id, null, CancellationToken.None))!, ReconciliationSchedule.Default, at));
        }
    }

    private static Payment Accepted(DateTimeOffset at, string checkoutRequestId, string phone)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse(phone), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, at);
        payment.RecordPushAccepted(1, "m-1", checkoutRequestId, at).Must();
        return payment;
    }
}
