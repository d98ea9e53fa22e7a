using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// A test in a real browser (Debian's chromium at <see cref="Chromium.ExecutablePath"/>). Skipped when chromium is not
/// installed, so <c>dotnet test</c> passes on a fresh machine, unless SHIELD_REQUIRE_BROWSER=1 (as .ci/run sets): then
/// it runs and fails, so CI cannot skip it silently. Runs in the SQLite run only: the console's queries are tested on
/// the server engines by integration tests without a browser.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason() is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>When the browser tests do not run, and why.</summary>
public sealed partial class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>SHIELD_REQUIRE_BROWSER=1: a missing chromium fails the browser tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("SHIELD_REQUIRE_BROWSER") == "1";

    public static bool Installed => File.Exists(ExecutablePath);

    public static string? SkipReason()
    {
        if (TestDatabase.Engine != DatabaseProvider.Sqlite)
        {
            return $"Browser tests run in the SQLite run only (SHIELD_TEST_DATABASE is {TestDatabase.Engine}).";
        }

        return Installed || Required
            ? null
            : $"{ExecutablePath} is missing (apt-get install chromium; SHIELD_REQUIRE_BROWSER=1 makes this a failure).";
    }
}
