using System.Reflection;
using Microsoft.Extensions.Options;

namespace Shield.WebApi.Hosting;

/// <summary>
/// A setting that cannot work ends the process with exit code 1 and one line per failure on standard error, naming
/// the setting ("Shield cannot start: Mpesa:CallbackSecret ..."): an operator reads what to fix, not a stack trace.
/// Every <c>ValidateOnStart</c> option is checked before the database is touched, so a refused configuration
/// migrates nothing. When Program runs inside another process (the integration tests' host factory), that process
/// gets the exception instead, as from any host.
/// </summary>
internal static class StartupRefusal
{
    public const string LinePrefix = "Shield cannot start: ";

    public static async Task<int> RunAsync(WebApplication app, Func<Task> start)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            await start();
            return 0;
        }
        catch (Exception exception) when (Failures(exception) is { Count: > 0 } failures && RunsAsItsOwnProcess)
        {
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync(LinePrefix + failure.ReplaceLineEndings(" "));
            }

            await app.DisposeAsync();
            return 1;
        }
    }

    /// <summary>The failures of a configuration refusal; empty for any other exception (a bug keeps its stack trace).</summary>
    internal static List<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException refusal => [.. refusal.Failures],
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } inUse =>
            [$"{AddressOf(inUse)} is already in use by another process: stop it, or choose another address with --urls (for example --urls http://127.0.0.1:5081) or ASPNETCORE_URLS."],
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => [],
    };

    /// <summary>Kestrel's "Failed to bind to address http://...: address already in use." names the address; this takes it out.</summary>
    private static string AddressOf(IOException exception)
    {
        const string Marker = "address ";
        var message = exception.Message;
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        var end = message.LastIndexOf(": address already in use", StringComparison.Ordinal);
        return start >= 0 && end > start ? message[(start + Marker.Length)..end] : "The address";
    }

    private static bool RunsAsItsOwnProcess => Assembly.GetEntryAssembly() == typeof(StartupRefusal).Assembly;
}
