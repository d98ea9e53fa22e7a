using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>
/// <c>cd /elsewhere &amp;&amp; dotnet /app/Shield.WebApi.dll</c>, in Production: the settings files are read from the app's
/// own folder, nothing is migrated unless asked, and the callback secret in the URL path never reaches the output,
/// whatever the logging configuration.
/// </summary>
public sealed class AppFolderTests
{
    private const string ApiKey = "app-folder-test-key-0001";

    [Fact]
    public async Task Start_FromAnEmptyFolderInProduction_UsesTheAppFolderAndAppliesNoMigration()
    {
        await using var daraja = new FakeDaraja();
        await using var database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N")));
        var secret = ProductionSettings.NewSecret();
        await using var shield = ShieldProcess.Start(ProductionSettings.Valid(daraja.Url, secret, ApiKey, database));

        Assert.True(await shield.WaitForLiveAsync(), shield.Output);
        using var client = shield.Client();
        using var ready = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        using var wrong = await client.PostAsync(new Uri($"api/v1/daraja/stk-callback/{ProductionSettings.NewSecret()}", UriKind.Relative), CallbackRequests.Stk());
        (await client.PostAsync(new Uri($"api/v1/daraja/stk-callback/{secret}", UriKind.Relative), CallbackRequests.Stk())).Dispose();

        Assert.Contains($"Content root path: {AppContext.BaseDirectory.TrimEnd('/')}", shield.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(0, await TableCount(database));
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.DoesNotContain(secret, shield.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callbacks_WithEveryAspNetCoreLogAtTrace_NeverPrintTheSecret()
    {
        await using var daraja = new FakeDaraja();
        await using var database = TestDatabase.Create(Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N")));
        var secret = ProductionSettings.NewSecret();
        var wrongSecret = ProductionSettings.NewSecret();
        var settings = ProductionSettings.Valid(daraja.Url, secret, ApiKey, database);
        settings["Database__MigrateOnStartup"] = "true";
        settings["Logging__LogLevel__Default"] = "Trace";
        settings["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace";
        settings["Logging__Console__IncludeScopes"] = "true";
        await using var shield = ShieldProcess.Start(settings);

        Assert.True(await shield.WaitForLiveAsync(), shield.Output);
        using var client = shield.Client();
        using var accepted = await client.PostAsync(new Uri($"api/v1/daraja/stk-callback/{secret}", UriKind.Relative), CallbackRequests.Stk());
        using var status = await client.PostAsync(new Uri($"api/v1/daraja/transaction-status/result/{secret}", UriKind.Relative), CallbackRequests.TransactionStatus());
        using var timeout = await client.PostAsync(new Uri($"api/v1/daraja/transaction-status/timeout/{secret}", UriKind.Relative), CallbackRequests.TransactionStatus());
        using var wrong = await client.PostAsync(new Uri($"api/v1/daraja/stk-callback/{wrongSecret}", UriKind.Relative), CallbackRequests.Stk());

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("""{"ResultCode":0,"ResultDesc":"Accepted"}""", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.OK, timeout.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        using var problem = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Equal("not_found", problem.RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain(wrongSecret, problem.RootElement.ToString(), StringComparison.Ordinal);

        // The request log is there (so the test looks at the lines that used to carry the secret), without the secret.
        await WaitUntil(() => shield.OutputLines.Count(l => l.Contains("Request finished", StringComparison.Ordinal)) >= 5);
        Assert.Contains(shield.OutputLines, l => l.Contains("Request starting", StringComparison.Ordinal) && l.Contains("/api/v1/daraja/stk-callback/redacted", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, shield.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, shield.Output, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Tables in the database (0: nothing was migrated).</summary>
    private static async Task<long> TableCount(TestDatabase database)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await using var postgres = new NpgsqlConnection(database.ConnectionString);
            await postgres.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", postgres);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        await using var sqlite = new SqliteConnection(database.ConnectionString);
        await sqlite.OpenAsync();
        await using var query = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE type = 'table'", sqlite);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
