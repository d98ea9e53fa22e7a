using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>A test of several processes or hosts sharing one database server: skipped on SQLite, which has one process.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServerDatabaseFactAttribute : FactAttribute
{
    public ServerDatabaseFactAttribute()
    {
        if (TestDatabase.Engine == DatabaseProvider.Sqlite)
        {
            Skip = "Runs on PostgreSQL and SQL Server (SHIELD_TEST_DATABASE; .ci/run runs PostgreSQL): SQLite has one process.";
        }
    }
}
