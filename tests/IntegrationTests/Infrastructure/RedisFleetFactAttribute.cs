using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// A test of several Shield hosts sharing one database server and one redis-server of its own: skipped on SQLite
/// (one process), and skipped without /usr/bin/redis-server unless SHIELD_REQUIRE_REDIS=1 (.ci/run), which makes a
/// missing binary fail the test.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFleetFactAttribute : FactAttribute
{
    public RedisFleetFactAttribute()
    {
        if (TestDatabase.Engine == DatabaseProvider.Sqlite)
        {
            Skip = "Runs on PostgreSQL and SQL Server (SHIELD_TEST_DATABASE; .ci/run runs PostgreSQL): two hosts share one database.";
        }
        else if (!RedisServer.IsInstalled && !RedisServer.IsRequired)
        {
            Skip = $"{RedisServer.Binary} is missing (apt-get install -y redis-server; SHIELD_REQUIRE_REDIS=1 makes this a failure).";
        }
    }
}
