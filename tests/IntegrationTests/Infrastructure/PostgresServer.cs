using System.Diagnostics;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// Stops and starts the PostgreSQL server the suite runs on, with the shell commands in SHIELD_TEST_POSTGRES_STOP and
/// SHIELD_TEST_POSTGRES_START (.ci/run sets them, e.g. "pg_ctlcluster 15 main stop -m fast").
/// </summary>
public static class PostgresServer
{
    public static string? StopCommand => Environment.GetEnvironmentVariable("SHIELD_TEST_POSTGRES_STOP") is { Length: > 0 } c ? c : null;

    public static string? StartCommand => Environment.GetEnvironmentVariable("SHIELD_TEST_POSTGRES_START") is { Length: > 0 } c ? c : null;

    public static Task StopAsync() => RunAsync(StopCommand ?? throw new InvalidOperationException("SHIELD_TEST_POSTGRES_STOP is not set."));

    public static Task StartAsync() => RunAsync(StartCommand ?? throw new InvalidOperationException("SHIELD_TEST_POSTGRES_START is not set."));

    private static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}: {error}");
        }
    }
}
