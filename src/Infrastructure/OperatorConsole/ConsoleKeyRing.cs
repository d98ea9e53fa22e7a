using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.OperatorConsole;

/// <summary>
/// The key ring that protects the console's cookies lives in Shield's database (table DataProtectionKeys), so every
/// instance of a fleet reads a cookie any of them issued, and a restart signs nobody out. The keys are stored
/// unencrypted, as the rest of the database is: whoever can read the database can forge a console session, and is
/// trusted with the payments already (ADR 0012).
/// </summary>
public static class ConsoleKeyRing
{
    /// <summary>One application name for every instance: keys are isolated per application name.</summary>
    public const string ApplicationName = "Shield Payments";

    public static IServiceCollection AddConsoleKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<ShieldDbContext>();
        return services;
    }
}
