using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Shield.Domain.Payments;
using Shield.Infrastructure.RateLimiting;

namespace Shield.Benchmarks;

/// <summary>
/// What the per-phone push limiter keeps for an hour with 100,000 phones, and the CPU it burns while idle: not a
/// BenchmarkDotNet job (its "Allocated" counts transient garbage, not what stays). Run with the argument
/// <c>limiter-footprint</c>.
/// </summary>
internal static class LimiterFootprint
{
    private const int Phones = 100_000;

    public static void Run()
    {
        var phones = Enumerable.Range(0, Phones).Select(i => Msisdn.Parse(string.Create(CultureInfo.InvariantCulture, $"2547{i:D8}"))).ToArray();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var limiter = new PhonePushRateLimiter(Options.Create(new RateLimitOptions { PhonePushesPerHour = 10 }), TimeProvider.System);
        foreach (var phone in phones)
        {
            limiter.TryAcquire(phone, out _);
        }

        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Thread.Sleep(TimeSpan.FromSeconds(5));
        var idle = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        GC.KeepAlive(limiter);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Phones:N0} phones: {retained / (double)Phones:F0} B kept per phone; CPU while idle for 5 s: {idle.TotalMilliseconds:F0} ms"));
    }
}
