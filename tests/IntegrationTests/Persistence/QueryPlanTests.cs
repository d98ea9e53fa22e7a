using Microsoft.EntityFrameworkCore;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Persistence;

/// <summary>
/// Queries that run all the time must not read every payment ever made. Every callback looks its payment up by
/// CheckoutRequestID: the generic translation (a correlated EXISTS) scanned every payment on SQLite, 0.4 ms at 3,000
/// payments and growing with the table. The reconciler's query did the same every run. SQLite's planner is
/// deterministic, so the plans themselves are checked, on a real migrated database.
/// </summary>
public sealed class QueryPlanTests
{
    [Fact]
    public async Task LookupByCheckoutRequestId_OnSqlite_SearchesTheAttemptIndexInsteadOfScanningEveryPayment()
    {
        var plan = await PlanAsync(db => PaymentByCheckoutRequestIdQuery.AsQueryable(db, "ws_CO_plan"));

        Assert.Contains(plan, step => step.Contains("USING INDEX IX_PaymentAttempts_CheckoutRequestId", StringComparison.Ordinal));
        Assert.Empty(TableScans(plan));
    }

    [Fact]
    public async Task PaymentsDueForReconciliation_OnSqlite_ReadsOnlyAttemptsInFlightThroughTheStatusIndex()
    {
        var plan = await PlanAsync(db => PaymentRepository.DueForReconciliation(db, ReconciliationSchedule.Default, DateTimeOffset.UtcNow, 100));

        Assert.Contains(plan, step => step.StartsWith("SEARCH", StringComparison.Ordinal)
            && step.Contains("USING INDEX IX_PaymentAttempts_Status_NextQueryAt (Status=?", StringComparison.Ordinal));
        Assert.Empty(TableScans(plan));
    }

    /// <summary>Steps that read a whole table: SCANs, except of a subquery's own result (a CO-ROUTINE or MATERIALIZE).</summary>
    private static List<string> TableScans(List<string> plan)
    {
        var derived = plan.Where(step => step.StartsWith("CO-ROUTINE ", StringComparison.Ordinal) || step.StartsWith("MATERIALIZE ", StringComparison.Ordinal))
            .Select(step => step.Split(' ')[1])
            .ToHashSet(StringComparer.Ordinal);
        return [.. plan.Where(step => step.StartsWith("SCAN ", StringComparison.Ordinal) && !derived.Contains(step.Split(' ')[1]))];
    }

    /// <summary>The plan of <paramref name="query"/> (as the repository builds it), on a fresh migrated SQLite database.</summary>
    private static async Task<List<string>> PlanAsync(Func<ShieldDbContext, IQueryable<Payment>> query)
    {
        var directory = Directory.CreateTempSubdirectory("shield-plan-").FullName;
        await using var database = TestDatabase.Create(directory, DatabaseProvider.Sqlite);
        await using var db = new SqliteShieldDbContext(new DbContextOptionsBuilder<SqliteShieldDbContext>().UseSqlite(database.ConnectionString).Options);
        await db.Database.MigrateAsync();
        var plan = await ExplainAsync(db, query(db).ToQueryString());
        await db.Database.CloseConnectionAsync();
        return plan;
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
