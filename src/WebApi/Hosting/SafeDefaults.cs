using Microsoft.Extensions.Configuration.Memory;

namespace Shield.WebApi.Hosting;

/// <summary>
/// Settings whose safe value must not depend on a settings file being found. They are the lowest-precedence
/// configuration source, so appsettings files, environment variables and the command line still override them:
/// the request log (Microsoft.AspNetCore) at Warning, the host's own start-up error lines off, and no migrations at
/// start outside Development.
/// </summary>
internal static class SafeDefaults
{
    public static void AddSafeDefaults(this IConfigurationBuilder configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = For(environment) });
    }

    internal static Dictionary<string, string?> For(IHostEnvironment environment) => new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",

        // The host writes a start-up failure (a port in use) as an Error with its whole stack before Program can say it
        // in one line (StartupRefusal). Nothing is lost at Critical: a start-up failure that is not a refusal is
        // rethrown, stack and all, and a background service that crashes is still logged, with its exception, in the
        // host's Critical "stopping the host" line (BackgroundServiceExceptionBehavior.StopHost, the default).
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",
        ["Database:MigrateOnStartup"] = environment.IsDevelopment() ? "true" : "false",
    };
}
