using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Infrastructure.Mpesa;
using Shield.Infrastructure.Mpesa.Callbacks;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence, the Daraja adapter and their options, each registered by hand.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.MinAmount <= o.MaxAmount, "Payments:MinAmount must not be above Payments:MaxAmount.")
            .ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName)).ValidateOnStart();
        services.AddOptions<MpesaOptions>().Bind(configuration.GetSection(MpesaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MpesaOptions>, MpesaOptionsValidator>();

        AddPersistence(services, configuration);
        AddDaraja(services);
        return services;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(DatabaseOptions.SectionName).GetValue(nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "Data Source=shield.db";
        switch (provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDbContext<ShieldDbContext, SqlServerShieldDbContext>(o => o.UseSqlServer(connectionString));
                break;
            default:
                var sqlite = DatabaseInitializer.SqliteConnectionString(connectionString);
                services.AddDbContext<ShieldDbContext, SqliteShieldDbContext>(o => o.UseSqlite(sqlite));
                break;
        }

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IPaymentRepository, PaymentRepository>();
        services.AddScoped<ICallbackInbox, CallbackInbox>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<ShieldDbContext>("database", tags: ["ready"]);
    }

    private static void AddDaraja(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDarajaAddresses, ConfiguredDarajaAddresses>();
        services.AddHttpClient(DarajaTokenProvider.HttpClientName, (sp, client) =>
            client.Timeout = sp.GetRequiredService<IOptions<MpesaOptions>>().Value.RequestTimeout);
        services.AddSingleton<DarajaTokenProvider>();
        services.AddSingleton<IMpesaGateway, DarajaClient>();
        services.AddSingleton<IStkCallbackReader, StkCallbackReader>();
    }
}
