using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>A test that stops the PostgreSQL server: it runs only when the suite is on PostgreSQL and may control it; otherwise it is reported as skipped, with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresOutageFactAttribute : FactAttribute
{
    public PostgresOutageFactAttribute()
    {
        if (TestDatabase.Engine != DatabaseProvider.Postgres)
        {
            Skip = "Runs on PostgreSQL only (SHIELD_TEST_DATABASE=Postgres; .ci/run does it).";
        }
        else if (PostgresServer.StopCommand is null || PostgresServer.StartCommand is null)
        {
            Skip = "Set SHIELD_TEST_POSTGRES_STOP and SHIELD_TEST_POSTGRES_START to let the suite stop and start PostgreSQL.";
        }
    }
}
