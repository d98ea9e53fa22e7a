using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Infrastructure.Mpesa;

namespace Shield.UnitTests.TestSupport;

/// <summary>The Daraja adapter wired by hand against <see cref="ScriptedDaraja"/> and a fake clock.</summary>
internal sealed class DarajaFixture : IDisposable
{
    public const string Passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

    /// <summary>2021-06-28 09:24:08 in Nairobi: the instant of Safaricom's own request sample (REFERENCE.md §2.1).</summary>
    public static readonly DateTimeOffset SampleInstant = new(2021, 6, 28, 6, 24, 8, TimeSpan.Zero);

    public DarajaFixture(Action<MpesaOptions>? configure = null)
    {
        Options = new MpesaOptions
        {
            Environment = MpesaEnvironment.Sandbox,
            BaseUrl = "https://sandbox.example.test",
            ConsumerKey = "consumer-key",
            ConsumerSecret = "consumer-secret",
            BusinessShortCode = "174379",
            Passkey = Passkey,
            CallbackBaseUrl = "https://pay.example.test",
            CallbackSecret = "cb-secret-0123456789abcdef",
        };
        configure?.Invoke(Options);

        var factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(Arg.Any<string>()).Returns(_ => new HttpClient(Daraja, disposeHandler: false));
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var addresses = new ConfiguredDarajaAddresses(options);
        Tokens = new DarajaTokenProvider(factory, options, addresses, Clock, NullLogger<DarajaTokenProvider>.Instance);
        Client = new DarajaClient(factory, Tokens, addresses, options, Clock, NullLogger<DarajaClient>.Instance);
    }

    public ScriptedDaraja Daraja { get; } = new();

    public FakeTimeProvider Clock { get; } = new(SampleInstant);

    public MpesaOptions Options { get; }

    public DarajaTokenProvider Tokens { get; }

    public DarajaClient Client { get; }

    public void Dispose()
    {
        Tokens.Dispose();
        Daraja.Dispose();
    }
}
