using Microsoft.Extensions.Configuration;

namespace Shield.DarajaSimulator.Standalone;

/// <summary>
/// The standalone simulator's fixed test values, each overridable in configuration section <c>Simulator</c>
/// (<c>--Simulator:ConsumerKey=...</c> or <c>Simulator__ConsumerKey</c>). They are test values, not secrets, and the
/// README lists them. Shortcode, passkey and initiator are the public sandbox ones (REFERENCE.md §7), so a client set
/// up for the sandbox needs only the base URL and the consumer key and secret changed.
/// </summary>
internal static class StandaloneDefaults
{
    public const string Url = "http://127.0.0.1:5090";
    public const string ConsumerKey = "simulator-consumer-key";
    public const string ConsumerSecret = "simulator-consumer-secret";
    public const string SectionName = "Simulator";

    /// <summary>Where to write the certificate PEM (optional; otherwise a temp file, deleted at exit).</summary>
    public const string CertificateFileKey = "Simulator:CertificateFile";

    /// <summary>Sets the standalone defaults, then whatever <c>Simulator:*</c> configures.</summary>
    public static void Apply(DarajaSimulatorOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);

        options.ConsumerKey = ConsumerKey;
        options.ConsumerSecret = ConsumerSecret;
        configuration.GetSection(SectionName).Bind(options);
    }
}
