using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// A test of Shield's telemetry, which does not depend on the database engine: it runs once, in the SQLite run (the
/// default; .ci/run's PostgreSQL run reports it skipped).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnceFactAttribute : FactAttribute
{
    public OnceFactAttribute()
    {
        if (TestDatabase.Engine != DatabaseProvider.Sqlite)
        {
            Skip = "Telemetry does not depend on the database engine: runs in the SQLite run only.";
        }
    }
}

/// <summary>
/// A test that starts a real Prometheus (Debian's /usr/bin/prometheus): skipped when it is not installed, unless
/// SHIELD_REQUIRE_PROMETHEUS=1 (set by .ci/run), which makes a missing binary a failure. Runs in the SQLite run only.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrometheusFactAttribute : FactAttribute
{
    public const string Binary = "/usr/bin/prometheus";

    public PrometheusFactAttribute()
    {
        if (TestDatabase.Engine != DatabaseProvider.Sqlite)
        {
            Skip = "Telemetry does not depend on the database engine: runs in the SQLite run only.";
        }
        else if (!File.Exists(Binary) && Environment.GetEnvironmentVariable("SHIELD_REQUIRE_PROMETHEUS") != "1")
        {
            Skip = $"{Binary} is not installed (apt-get install prometheus); SHIELD_REQUIRE_PROMETHEUS=1 makes this a failure.";
        }
    }
}
