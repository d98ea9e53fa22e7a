using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Specifications;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Persistence;

/// <summary>
/// Every callback looks its payment up by CheckoutRequestID. On SQLite the generic translation (a correlated EXISTS)
/// scanned every payment, 0.4 ms at 3,000 payments and growing with the table: the lookup must use the index.
/// SQLite's planner is deterministic, so the plan itself is checked, on a real migrated database.
/// </summary>
public sealed class CallbackLookupPlanTests
{
    [Fact]
    public async Task LookupByCheckoutRequestId_OnSqlite_SearchesTheAttemptIndexInsteadOfScanningEveryPayment()
    {
        var directory = Directory.CreateTempSubdirectory("shield-plan-").FullName;
        await using var database = TestDatabase.Create(directory, DatabaseProvider.Sqlite);
        await using var db = new SqliteShieldDbContext(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite(database.ConnectionString).Options);
        await db.Database.MigrateAsync();
        using var gate = new SqliteWriteGate(Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));
        var repository = new PaymentRepository(db, new UnitOfWork(db, gate, NullLogger<UnitOfWork>.Instance));

        var plan = await ExplainAsync(db, repository.Query(new PaymentByCheckoutRequestIdSpec("ws_CO_plan")).ToQueryString());

        Assert.Contains(plan, step => step.Contains("USING INDEX IX_PaymentAttempts_CheckoutRequestId", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    /// <summary>EXPLAIN QUERY PLAN of EF's SQL (its ".param set" lines become the command's parameters).</summary>
    private static async Task<List<string>> ExplainAsync(DbContext db, string queryString)
    {
        var lines = queryString.Split('\n');
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        foreach (var line in lines.Where(l => l.StartsWith(".param set ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', 4);
            var parameter = command.CreateParameter();
            parameter.ParameterName = parts[2];
            parameter.Value = parts[3].Trim().Trim('\'');
            command.Parameters.Add(parameter);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
