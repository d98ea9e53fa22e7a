using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shield.DarajaSimulator;
using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// The real Shield host (Program), on Kestrel over loopback, in Development (simulator as Daraja, demo client), with
/// its own SQLite file. Settings can be overridden per host, as an operator would with environment variables.
/// </summary>
public sealed class ShieldApp : WebApplicationFactory<Program>
{
    public const string ApiKey = "shield-dev-key";
    public const string CallbackSecret = "dev-callback-secret-0001";

    private readonly Dictionary<string, string?> _settings;
    private readonly string _directory;
    private readonly bool _ownsDatabase;

    /// <param name="settings">Configuration overrides, as an operator would set them (environment variables).</param>
    /// <param name="database">A database to use (and leave) instead of a new one of the suite's engine.</param>
    public ShieldApp(IDictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        _directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        DatabasePath = Path.Combine(_directory, "shield.db");
        _ownsDatabase = database is null;
        Database = database ?? TestDatabase.Create(_directory);
        Port = TestPorts.Free();
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider.ToString(),
            ["ConnectionStrings:Shield"] = Database.ConnectionString,
            ["Simulator:CallbackDelay"] = "00:00:00.300",

            // The adapter is held to Daraja's documentation, not to what the live API tolerates.
            ["Simulator:Strictness"] = "Strict",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(Port);
    }

    public int Port { get; }

    /// <summary>Services a test adds to the host (an event handler that records what it receives), before the first client.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The host's environment: Development unless a test needs another (set before the first client).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Where the SQLite file is when the engine is SQLite.</summary>
    public string DatabasePath { get; }

    public TestDatabase Database { get; }

    /// <summary>Empties the database between the tests of a class (Respawn; a no-op on SQLite, whose file is per host).</summary>
    public Task ResetAsync() => Database.ResetAsync();

    public LogCapture Logs { get; } = new();

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public DarajaSimulatorJournal Journal => Services.GetRequiredService<DarajaSimulatorJournal>();

    /// <summary>Starts the host (once) and returns a client authenticated as the demo app.</summary>
    public HttpClient Client()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public HttpClient Anonymous()
    {
        StartServer();
        return new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A scope on the host's own services, to look at the database as the service sees it.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task<T> WithDatabase<T>(Func<ShieldDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<ShieldDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);

        // The settings are host settings too, so what Program reads while it registers services (whether the console's
        // single sign-on scheme exists, its idle timeout) sees them, as it sees an operator's environment variables.
        // The in-memory source below still has the last word once the host is built.
        foreach (var (key, value) in _settings)
        {
            if (value is not null)
            {
                builder.UseSetting(key, value);
            }
        }

        if (TestServices is { } services)
        {
            builder.ConfigureTestServices(services);
        }

        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by the OS: the temp folder is cleaned on its own
        }

        GC.SuppressFinalize(this);
    }

}
