using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>What `dotnet run` gives on a fresh machine, and what a wrong configuration does.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Start_InDevelopment_CreatesAndMigratesSqliteAndServesDocsAndHealth()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        await using var sqlite = TestDatabase.Create(directory, Shield.Infrastructure.Persistence.DatabaseProvider.Sqlite);
        await using var app = new ShieldApp(database: sqlite);
        var file = Path.Combine(directory, "shield.db");
        Assert.False(File.Exists(file));
        using var client = app.Anonymous();

        Assert.True(File.Exists(file));
        var applied = await app.WithDatabase(async db => (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.True(applied >= 1);
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("health/ready", UriKind.Relative)));
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("health/live", UriKind.Relative)));

        using var openApi = JsonDocument.Parse(await client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var paths = openApi.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/payments", out _));
        Assert.True(paths.TryGetProperty("/api/v1/payments/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/daraja/stk-callback/{secret}", out _));

        using var docs = await client.GetAsync(new Uri("docs/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    /// <summary>
    /// Data Protection comes with AddAuthentication, but Shield protects nothing with it. Started, it would load (and on
    /// a fresh container write, with a warning) a key ring under the home directory.
    /// </summary>
    [Fact]
    public async Task Start_DoesNotStartDataProtection()
    {
        await using var app = new ShieldApp();
        app.Anonymous().Dispose();

        var started = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Select(s => s.GetType().FullName).ToList();
        var withDataProtection = new ServiceCollection().AddDataProtection().Services
            .Where(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)).Select(d => d.ImplementationType?.FullName);
        Assert.Contains(Shield.WebApi.DependencyInjection.DataProtectionHostedService, withDataProtection);
        Assert.NotEmpty(started);
        Assert.DoesNotContain(Shield.WebApi.DependencyInjection.DataProtectionHostedService, started);
    }

    [Fact]
    public async Task Start_OnExistingDatabase_KeepsItsPayments()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await using var database = TestDatabase.Create(directory);
        Guid id;
        await using (var first = new ShieldApp(database: database))
        {
            using var client = first.Client();
            id = (await client.CreatePaymentAsync(Phones.Next())).Id;
            await client.WaitForAsync(id);
        }

        await using var second = new ShieldApp(database: database);
        using var again = second.Client();
        Assert.Equal(PaymentStatus.Completed, (await again.GetPaymentAsync(id)).Status);
    }

    [Theory]
    [InlineData("Mpesa:CallbackSecret", "short", "Mpesa:CallbackSecret")]
    [InlineData("Mpesa:ConsumerSecret", "", "Mpesa:ConsumerKey and Mpesa:ConsumerSecret")]
    [InlineData("Mpesa:BusinessShortCode", "17", "Mpesa:BusinessShortCode")]
    [InlineData("ApiClients:0:KeyHash", "not-a-hash", "ApiClients:0:KeyHash")]
    [InlineData("Payments:MaxAmount", "300000", "MaxAmount")]
    [InlineData("Simulator:Strictness", "Loose", "Simulator:Strictness must be Documented or Strict.")]
    public async Task Start_WithBadConfiguration_StopsWithMessageNamingTheKey(string key, string value, string expected)
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Anonymous());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InProductionWithPlainHttpCallback_StopsWithMessage()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:Environment"] = "Production",
            ["Mpesa:CallbackBaseUrl"] = "http://pay.example.com",
        });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Anonymous());

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_FromEnvironmentStyleKeys_OverrideAppSettings()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Payments:MaxAmount"] = "1000" });
        using var client = app.Client();

        using var response = await client.PostPaymentAsync(Phones.Next(), 1001);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostPayment_AfterDarajaInvalidatesTheToken_RefreshesOnceAndSucceeds()
    {
        await using var app = new ShieldApp();
        using var client = app.Client();
        await client.CreatePaymentAsync(Phones.Next());
        var tokens = app.Journal.TokenRequests;

        app.Journal.RevokeTokens();
        var payment = await client.CreatePaymentAsync(Phones.Next());

        Assert.Equal(tokens + 1, app.Journal.TokenRequests);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.Attempts[0].Status);
        // One push for the first payment; for the second, one refused for the revoked token and one re-sent with the new token.
        Assert.Equal(3, app.Journal.Requests.Count(r => r.Path.EndsWith("processrequest", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Start_UsesTheEngineTheSuiteRunsOn()
    {
        await using var app = new ShieldApp();
        using var client = app.Anonymous();

        var provider = await app.WithDatabase(db => Task.FromResult(db.Database.ProviderName));

        var expected = TestDatabase.Engine switch
        {
            Shield.Infrastructure.Persistence.DatabaseProvider.Postgres => "Npgsql.EntityFrameworkCore.PostgreSQL",
            Shield.Infrastructure.Persistence.DatabaseProvider.SqlServer => "Microsoft.EntityFrameworkCore.SqlServer",
            _ => "Microsoft.EntityFrameworkCore.Sqlite",
        };
        Assert.Equal(expected, provider);
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("health/ready", UriKind.Relative)));
    }

    [Fact]
    public async Task Start_WithoutMigrateOnStartup_IsNotReadyUntilMigrated()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" });
        using var client = app.Anonymous();

        using var notReady = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

        await app.WithDatabase(async db =>
        {
            await db.Database.MigrateAsync();
            return 0;
        });
        Assert.Equal("Healthy", await client.GetStringAsync(new Uri("health/ready", UriKind.Relative)));
    }
}
