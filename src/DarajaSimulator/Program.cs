using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Standalone;

namespace Shield.DarajaSimulator;

/// <summary>
/// The standalone simulator: <c>dotnet run --project src/DarajaSimulator</c> serves Daraja's endpoints at the root of
/// its own address (default <see cref="StandaloneDefaults.Url"/>; <c>--urls</c> or <c>ASPNETCORE_URLS</c> choose
/// another) and prints its credentials, so a client on any stack can use it as its local Daraja.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        // The host logs a failed start with its stack trace; the failures an operator causes (port in use, a bad
        // setting) are printed below as one line instead, and any other escapes Main with its stack.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        if (!TryReadStrictness(builder.Configuration, out var problem))
        {
            await Console.Error.WriteLineAsync(problem);
            return 1;
        }

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(StandaloneDefaults.Url);
        }

        builder.Services.AddDarajaSimulator(o => StandaloneDefaults.Apply(o, builder.Configuration));

        await using var app = builder.Build();
        app.MapDarajaSimulator(prefix: "");

        try
        {
            await app.StartAsync();
        }
        catch (IOException exception) when (exception.InnerException is AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"Daraja simulator: {exception.Message} Choose another with --urls http://127.0.0.1:<port>.");
            return 1;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync("Daraja simulator: " + exception.Message);
            return 1;
        }

        var certificate = app.Services.GetRequiredService<DarajaSimulatorCertificate>();
        var certificateFile = builder.Configuration[StandaloneDefaults.CertificateFileKey];
        if (string.IsNullOrEmpty(certificateFile))
        {
            certificateFile = certificate.CertificateFile;
        }
        else
        {
            certificate.WriteCertificate(certificateFile);
        }

        StandaloneBanner.Write(
            Console.Out,
            app.Services.GetRequiredService<IOptions<DarajaSimulatorOptions>>().Value,
            [.. app.Urls],
            Path.GetFullPath(certificateFile));

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Refuses an unknown <c>Simulator:Strictness</c> with one line naming the key and its values.</summary>
    private static bool TryReadStrictness(ConfigurationManager configuration, out string problem)
    {
        problem = "";
        var text = configuration["Simulator:Strictness"];
        if (string.IsNullOrEmpty(text)
            || (Enum.TryParse<DarajaSimulatorStrictness>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)))
        {
            return true;
        }

        problem = $"Daraja simulator: Simulator:Strictness must be {DarajaSimulatorStrictness.Documented} or {DarajaSimulatorStrictness.Strict}.";
        return false;
    }
}
