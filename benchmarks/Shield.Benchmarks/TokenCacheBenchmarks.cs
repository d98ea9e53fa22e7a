using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;

namespace Shield.Benchmarks;

/// <summary>
/// The OAuth token cache hit: what every push, query and Transaction Status call pays before it is sent, once the
/// token is cached (the real <c>DarajaTokenProvider</c>; the one token request of the setup goes to a stub handler).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes both.")]
public class TokenCacheBenchmarks
{
    private StubTokenHandler _handler = null!;
    private DarajaTokenProvider _provider = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _handler = new StubTokenHandler();
        var options = Options.Create(new MpesaOptions
        {
            Environment = MpesaEnvironment.Sandbox,
            BaseUrl = "http://127.0.0.1:9",
            ConsumerKey = "bench-key",
            ConsumerSecret = "bench-secret",
        });
        _provider = new DarajaTokenProvider(new SingleClientFactory(_handler), options, new ConfiguredDarajaAddresses(options),
            TimeProvider.System, NullLogger<DarajaTokenProvider>.Instance);
        await _provider.GetTokenAsync(CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_handler.Requests != 1)
        {
            throw new InvalidOperationException($"The cache hit benchmark made {_handler.Requests} token requests; it must make exactly 1.");
        }

        _provider.Dispose();
        _handler.Dispose();
    }

    [Benchmark]
    public Task<string> TokenCacheHit() => _provider.GetTokenAsync(CancellationToken.None);
}
