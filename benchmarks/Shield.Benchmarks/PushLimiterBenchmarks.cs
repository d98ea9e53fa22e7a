using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Shield.Domain.Payments;
using Shield.Infrastructure.RateLimiting;

namespace Shield.Benchmarks;

/// <summary>
/// RateLimits:PhonePushesPerHour: the cost of a push to a phone not seen in the last hour (every new payment's phone),
/// with 10,000 phones already tracked and 1.2 million more by the end (a bounded run: 12 rounds of 100,000 new phones).
/// Allocated bytes count everything allocated, the dictionary's growth included; what stays per phone is measured by
/// <see cref="LimiterFootprint"/>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10, invocationCount: 100_000)]
public class PushLimiterBenchmarks
{
    private const int Tracked = 10_000;
    private Msisdn[] _phones = [];
    private PhonePushRateLimiter _limiter = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _phones = [.. Enumerable.Range(0, 2_000_000).Select(i => Msisdn.Parse(string.Create(CultureInfo.InvariantCulture, $"2547{i:D8}")))];
        _limiter = CreateLimiter();
        for (; _next < Tracked; _next++)
        {
            _limiter.TryAcquire(_phones[_next], out _);
        }
    }

    [Benchmark]
    public bool PushToANewPhone() => _limiter.TryAcquire(_phones[_next++ % _phones.Length], out _);

    private static PhonePushRateLimiter CreateLimiter() =>
        new(Options.Create(new RateLimitOptions { PhonePushesPerHour = 10 }), TimeProvider.System);
}
