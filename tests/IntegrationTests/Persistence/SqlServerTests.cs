using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Persistence;

/// <summary>A payment's whole flow on a real SQL Server, when one is given; visibly skipped otherwise.</summary>
public sealed class SqlServerTests
{
    [SqlServerFact]
    public async Task Payment_OnSqlServer_CompletesThroughTheCallback()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        await using var database = TestDatabase.Create(directory, DatabaseProvider.SqlServer);
        await using var app = new ShieldApp(database: database);
        using var client = app.Client();

        var payment = await client.CreatePaymentAsync(Phones.Next());

        Assert.Equal(PaymentStatus.Completed, (await client.WaitForAsync(payment.Id)).Status);
    }
}
