using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.Application;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Refunds.Ports;
using Shield.Application.Webhooks.Ports;
using Shield.Infrastructure.Events;
using Shield.Infrastructure.Fleet;
using Shield.Infrastructure.Mpesa;
using Shield.Infrastructure.Mpesa.Callbacks;
using Shield.Infrastructure.Persistence;
using Shield.Infrastructure.RateLimiting;
using Shield.Infrastructure.Reconciliation;
using Shield.Infrastructure.Webhooks;

namespace Shield.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence, the Daraja adapter and their options, each registered by hand.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddSingleton<IReconcilerStatus, ReconcilerStatusBoard>();
        services.AddHostedService<ReconciliationService>();
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<EventSignal>();
        services.AddScoped<EventLeases>();
        services.AddHostedService<EventDispatcher>();
        services.AddEventHandlers(typeof(DependencyInjection).Assembly);
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPushRateLimiter, PushRateLimiter>();
        services.AddSingleton(provider => new ClientRequestLimiters(provider.GetRequiredService<FleetRedis>(),
            provider.GetRequiredService<IOptions<RateLimitOptions>>()));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.AddOptions<MpesaOptions>().Bind(configuration.GetSection(MpesaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MpesaOptions>, MpesaOptionsValidator>();

        AddPersistence(services, configuration);
        AddFleet(services, configuration);
        AddDaraja(services);
        AddWebhooks(services, configuration);
        return services;
    }

    /// <summary>
    /// The Webhooks module's adapters: its store and event log, the URL rules (checked again at connect time, on the
    /// socket's real address), the signed sender on its own HttpClient (no redirects, no cookies), and the delivery worker.
    /// </summary>
    private static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhooksOptions>().Bind(configuration.GetSection(WebhooksOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhooksOptions>, WebhooksOptionsValidator>();
        services.AddScoped<WebhookStore>();
        services.AddScoped<IWebhookStore>(provider => provider.GetRequiredService<WebhookStore>());
        services.AddScoped<IEventLog, EventLog>();
        services.AddScoped<IWebhookOperatorReader, WebhookOperatorReader>();
        services.TryAddSingleton(WebhookResolver.System);
        services.AddSingleton(provider => new WebhookUrlRules(provider.GetRequiredService<IOptions<WebhooksOptions>>(),
            provider.GetRequiredService<WebhookResolver>().ResolveAsync));
        services.AddSingleton<IWebhookUrlRules, WebhookUrlRulesPort>();
        services.AddSingleton<IWebhookSecrets, WebhookSecrets>();
        services.AddSingleton<WebhookSignal>();
        services.AddHttpClient<WebhookSender>()
            .ConfigurePrimaryHttpMessageHandler(provider => WebhookHttp.CreateHandler(provider.GetRequiredService<IOptions<WebhooksOptions>>().Value,
                provider.GetRequiredService<WebhookResolver>().ResolveAsync))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // the factory's request log names the endpoint's URL, which may carry the client's token
        services.AddHostedService<WebhookDeliveryWorker>();
    }

    /// <summary>
    /// State shared by a fleet (Cache:Redis): one Redis connection, made in the background so that Shield starts while
    /// Redis is down; the OAuth token in HybridCache over Redis; a "redis" readiness check, Degraded when unreachable.
    /// Without Cache:Redis none of the Redis parts is registered, and each instance works alone as before.
    /// </summary>
    private static void AddFleet(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.SectionName));
        services.AddSingleton<FleetRedis>();
        if (string.IsNullOrWhiteSpace(configuration[$"{CacheOptions.SectionName}:{nameof(CacheOptions.Redis)}"]))
        {
            return;
        }

        services.AddHostedService(provider => provider.GetRequiredService<FleetRedis>());
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<FleetRedis>((options, redis) =>
        {
            options.ConnectionMultiplexerFactory = redis.ConnectionAsync;
            options.InstanceName = "shield:";
        });
        services.AddHybridCache();
        services.AddSingleton<SharedDarajaToken>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: ["ready"]);
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        // Provider and connection string are read when a context is first needed, not here, so that every
        // configuration source (including a test host's) is seen. Contexts are pooled: the load harness measured
        // creating one per request as a visible share of a GET (docs/performance.md).
        services.AddDbContextPool<SqliteShieldDbContext>((sp, o) =>
            QuietAboutExpectedFailures(o.UseSqlite(DatabaseInitializer.SqliteConnectionString(ConnectionString(configuration)))));
        services.AddDbContextPool<SqlServerShieldDbContext>((sp, o) => QuietAboutExpectedFailures(o.UseSqlServer(ConnectionString(configuration))));
        services.AddDbContextPool<PostgresShieldDbContext>((sp, o) =>
            QuietAboutExpectedFailures(o.UseNpgsql(DatabaseInitializer.PostgresConnectionString(ConnectionString(configuration)))));
        services.AddScoped<ShieldDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
        {
            DatabaseProvider.SqlServer => sp.GetRequiredService<SqlServerShieldDbContext>(),
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresShieldDbContext>(),
            _ => sp.GetRequiredService<SqliteShieldDbContext>(),
        });

        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IPaymentRepository, PaymentRepository>();
        services.AddSingleton<PaymentDetailsProjection>();
        services.AddSingleton<PaymentByCheckoutRequestIdQuery>();
        services.AddScoped<IPaymentDetailsReader, PaymentDetailsReader>();
        services.AddScoped<IPaymentOperatorReader, PaymentOperatorReader>();
        services.AddScoped<ICallbackInboxReader, CallbackInboxReader>();
        services.AddScoped<IRefundRepository, RefundRepository>();
        services.AddScoped<RefundReader>();
        services.AddScoped<IRefundReader>(provider => provider.GetRequiredService<RefundReader>());
        services.AddScoped<ICallbackInbox, CallbackInbox>();
        services.AddScoped<Application.OperatorConsole.Ports.IAuditLog, OperatorConsole.AuditLog>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
    }

    /// <summary>
    /// A unique index refusing a second push to a phone, a reused Idempotency-Key or a lost concurrency race are expected
    /// refusals, each logged once by the Application as one Information line; EF Core would log every one as an error
    /// with the failed command and a stack trace. A database that cannot be reached is logged once, as a warning, by the
    /// web layer. So EF's own lines for these are Debug: failures no one expected still surface as exceptions.
    /// </summary>
    private static void QuietAboutExpectedFailures(DbContextOptionsBuilder options) => options.ConfigureWarnings(w => w.Log(
        (RelationalEventId.CommandError, LogLevel.Debug),
        (RelationalEventId.ConnectionError, LogLevel.Debug),
        (CoreEventId.SaveChangesFailed, LogLevel.Debug),
        (CoreEventId.OptimisticConcurrencyException, LogLevel.Debug)));

    private static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "Data Source=shield.db";

    private static void AddDaraja(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDarajaAddresses, ConfiguredDarajaAddresses>();
        services.AddHttpClient(DarajaTokenProvider.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<MpesaOptions>>().Value.RequestTimeout);
        services.AddSingleton<DarajaTokenProvider>();
        services.AddSingleton<IMpesaGateway, DarajaClient>();
        services.AddSingleton<IReversalGateway, DarajaClient>(); // stateless: its token cache is the shared DarajaTokenProvider
        services.AddSingleton<IReversalResultReader, ReversalResultReader>();
        services.AddSingleton<IStkCallbackReader, StkCallbackReader>();
        services.AddSingleton<ITransactionStatusResultReader, TransactionStatusResultReader>();
    }
}
