using System.Net;
using System.Net.Sockets;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// Settings that cannot work stop the process with exit code 1 and one clear line naming the setting: no bare
/// exception, no stack trace, no password echoed.
/// </summary>
public sealed class StartupFailureTests
{
    private const string ApiKey = "startup-failure-test-key-0001";
    private const string Password = "Pw-not-for-the-logs-7f3a";
    private static readonly Uri Daraja = new("http://127.0.0.1:9/");

    /// <summary>No .NET stack frame and no unhandled-exception banner in the output.</summary>
    internal static void AssertNoStackTrace(string output)
    {
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", output);
    }

    [Fact]
    public async Task Start_WithAnInvalidKnownProxy_NamesTheKeyAndIndex()
    {
        var settings = Settings();
        settings["ForwardedHeaders__KnownProxies__0"] = "10.0.0.5";
        settings["ForwardedHeaders__KnownProxies__1"] = "10.0.0.300";

        var (code, output, errors) = await Run(settings);

        Assert.Equal(1, code);
        Assert.Contains(errors, l => l.StartsWith("Shield cannot start: ", StringComparison.Ordinal) && l.Contains("ForwardedHeaders:KnownProxies:1", StringComparison.Ordinal));
        Assert.DoesNotContain("KnownProxies:0", output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Theory]
    [InlineData("Sqlite", "Data Source=shield.db;Bogus Keyword=1;Password=" + Password)]
    [InlineData("Sqlite", "Data Source=/proc/no-such-process/shield.db;Password=" + Password)]
    [InlineData("Postgres", "Host=127.0.0.1;Port=not-a-port;Username=shield;Password=" + Password)]
    [InlineData("Postgres", "Host=127.0.0.1;Username=shield;Password=" + Password + ";Unknown Option=1")]
    public async Task Start_MigratingWithABadConnectionString_NamesTheSettingWithoutThePassword(string provider, string connectionString)
    {
        var settings = Settings();
        settings["Database__Provider"] = provider;
        settings["ConnectionStrings__Shield"] = connectionString;
        settings["Database__MigrateOnStartup"] = "true";

        var (code, output, errors) = await Run(settings);

        Assert.Equal(1, code);
        Assert.Contains(errors, l => l.StartsWith("Shield cannot start: ", StringComparison.Ordinal)
            && l.Contains("ConnectionStrings:Shield", StringComparison.Ordinal) && l.Contains($"Database:Provider={provider}", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_MigratingAnUnreachableDatabase_SaysSoInOneLineWithoutThePassword()
    {
        var settings = Settings();
        settings["Database__Provider"] = "Postgres";
        settings["ConnectionStrings__Shield"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=shield;Password={Password};Database=shield;Timeout=3";
        settings["Database__MigrateOnStartup"] = "true";

        var (code, output, errors) = await Run(settings);

        Assert.Equal(1, code);
        var line = Assert.Single(errors, l => l.StartsWith("Shield cannot start: ", StringComparison.Ordinal));
        Assert.Contains("could not be reached", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Shield", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task Start_OnAPortAlreadyInUse_SaysSoInOneLineAndExits1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var shield = ShieldProcess.Start(Settings(), ["--urls", $"http://127.0.0.1:{port}"]);
        var code = await shield.WaitForExitAsync();

        Assert.Equal(1, code);
        var line = Assert.Single(shield.ErrorLines, l => l.StartsWith("Shield cannot start: ", StringComparison.Ordinal));
        Assert.Contains($"http://127.0.0.1:{port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain(shield.OutputLines, l => l.StartsWith("crit:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal));
        AssertNoStackTrace(shield.Output);
    }

    private static Dictionary<string, string?> Settings() => ProductionSettings.Valid(Daraja, ProductionSettings.NewSecret(), ApiKey);

    private static async Task<(int Code, string Output, IReadOnlyList<string> Errors)> Run(Dictionary<string, string?> settings)
    {
        await using var shield = ShieldProcess.Start(settings);
        Assert.False(await shield.WaitForLiveAsync(), $"The service started. Output:\n{shield.Output}");
        return (shield.ExitCode, shield.Output, shield.ErrorLines);
    }

    /// <summary>A loopback port nothing listens on (taken and released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
