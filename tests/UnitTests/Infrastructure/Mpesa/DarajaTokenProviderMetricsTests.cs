using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Telemetry;
using Shield.Infrastructure.Mpesa;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Mpesa;

/// <summary>What the token provider tells the Shield meter: each token request's outcome and duration, and each token obtained.</summary>
public sealed class DarajaTokenProviderMetricsTests : IDisposable
{
    private readonly ScriptedDaraja _daraja = new();
    private readonly OwnMeters _meters = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, string? Operation, string? Outcome)> _measurements = [];
    private readonly DarajaTokenProvider _tokens;

    public DarajaTokenProviderMetricsTests()
    {
        var factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(Arg.Any<string>()).Returns(_ => new HttpClient(_daraja, disposeHandler: false));
        var options = Microsoft.Extensions.Options.Options.Create(new MpesaOptions
        {
            Environment = MpesaEnvironment.Sandbox,
            BaseUrl = "https://sandbox.example.test",
            ConsumerKey = "consumer-key",
            ConsumerSecret = "consumer-secret",
        });
        _tokens = new DarajaTokenProvider(factory, options, new ConfiguredDarajaAddresses(options), new FakeTimeProvider(DarajaFixture.SampleInstant),
            NullLogger<DarajaTokenProvider>.Instance, new ShieldMetrics(_meters));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _tokens.Dispose();
        _daraja.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task GetTokenAsync_TokenObtained_CountsOneTokenAndOneSuccessfulRequest()
    {
        await _tokens.GetTokenAsync(CancellationToken.None);
        await _tokens.GetTokenAsync(CancellationToken.None); // from memory: nothing asked, nothing counted

        Assert.Equal(
            [("shield.daraja.request.duration", "token", "ok"), ("shield.daraja.tokens.issued", null, null)],
            _measurements.Order().ToList());
    }

    [Fact]
    public async Task GetTokenAsync_CredentialsRefused_CountsARefusedRequestAndNoToken()
    {
        _daraja.Token = _ => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest, """{"errorCode":"400.008.01","errorMessage":"Invalid Authentication passed"}"""));

        await Assert.ThrowsAsync<DarajaUnavailableException>(() => _tokens.GetTokenAsync(CancellationToken.None));

        Assert.Equal([("shield.daraja.request.duration", "token", "refused")], _measurements);
    }

    private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? operation = null, outcome = null;
        foreach (var (key, value) in tags)
        {
            (operation, outcome) = key switch
            {
                "operation" => (value as string, outcome),
                "outcome" => (operation, value as string),
                _ => (operation, outcome),
            };
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, operation, outcome));
        }
    }

    /// <summary>A meter factory of this test's own, so the listener hears only this provider's meter.</summary>
    private sealed class OwnMeters : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose() => _created.ForEach(m => m.Dispose());
    }
}
