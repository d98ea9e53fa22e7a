using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Shield.IntegrationTests.Load;

/// <summary>
/// A bounded load test on loopback: 1,000 payments through the real host, with Safaricom played by a fake Daraja
/// that sends every success callback, 30% of them twice at once, and 10% before it answers the push (so before
/// Shield can commit the push's answer). Nothing may be lost, completed twice, or answered with a 5xx.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    public const int Payments = 1000;
    private const int Concurrency = 16;

    [Fact]
    public async Task ThousandPayments_WithDuplicateAndEarlyCallbacks_NoneLostNoneTwiceNo5xx()
    {
        using var callbacks = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var early = 0;
        var duplicated = 0;
        var callbackFailures = 0;
        var pending = new List<Task>();
        await using var daraja = new FakeDaraja();
        daraja.Push = async (context, number, body) =>
        {
            using var push = JsonDocument.Parse(body);
            var url = push.RootElement.GetProperty("CallBackURL").GetString()!;
            var amount = push.RootElement.GetProperty("Amount").GetInt32();
            var checkout = $"ws_CO_LOAD_{number:D6}";
            var callback = StkCallbacks.Success(checkout, amount, $"LD{number:D8}", push.RootElement.GetProperty("PhoneNumber").GetString());
            var copies = number % 10 is 1 or 2 or 3 ? 2 : 1;
            if (copies == 2)
            {
                Interlocked.Increment(ref duplicated);
            }

            if (number % 10 == 0)
            {
                Interlocked.Increment(ref early); // the callback is answered before the push is
                await Post(callbacks, url, callback, copies, () => Interlocked.Increment(ref callbackFailures));
            }
            else
            {
                lock (pending)
                {
                    pending.Add(Task.Run(async () =>
                    {
                        await Task.Delay(20);
                        await Post(callbacks, url, callback, copies, () => Interlocked.Increment(ref callbackFailures));
                    }));
                }
            }

            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted(checkout));
        };
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Enabled"] = "false",
            ["RateLimits:ClientRequestsPerMinute"] = "100000",
        });
        using var client = app.Client();
        await client.GetAsync(new Uri("health/ready", UriKind.Relative)); // warm up

        var statuses = new int[600];
        var latencies = new List<double>();
        using var gate = new SemaphoreSlim(Concurrency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Payments).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var begin = Stopwatch.GetTimestamp();
                using var response = await client.PostPaymentAsync(Phones.Next(), 10 + (i % 90));
                var elapsed = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }

                Interlocked.Increment(ref statuses[(int)response.StatusCode]);
            }
            finally
            {
                gate.Release();
            }
        }));
        var initiation = Stopwatch.GetElapsedTime(started);
        Task[] deliveries;
        lock (pending)
        {
            deliveries = [.. pending];
        }

        await Task.WhenAll(deliveries);
        var completed = 0;
        for (var i = 0; i < 600 && completed < Payments; i++)
        {
            completed = await app.WithDatabase(db => db.Payments.CountAsync(p => p.Status == PaymentStatus.Completed));
            if (completed < Payments)
            {
                await Task.Delay(100);
            }
        }

        var total = Stopwatch.GetElapsedTime(started);
        var outcomes = await app.WithDatabase(db => db.Callbacks.GroupBy(c => c.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var applied = outcomes.SingleOrDefault(o => o.Key == CallbackOutcome.Applied)?.Count ?? 0;
        var receipts = await app.WithDatabase(db => db.Payments.Select(p => p.MpesaReceiptNumber).Distinct().CountAsync());
        latencies.Sort();
        output.WriteLine($"engine={app.Database.Provider} payments={Payments} concurrency={Concurrency} " +
            $"initiation={initiation.TotalSeconds:0.0}s ({Payments / initiation.TotalSeconds:0} payments/s) " +
            $"p50={latencies[latencies.Count / 2]:0}ms p99={latencies[(int)(latencies.Count * 0.99)]:0}ms total={total.TotalSeconds:0.0}s " +
            $"callbacks: {string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Count}"))}; early={early} duplicated={duplicated}");
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "shield-load-figures.txt"),
            $"{DateTime.UtcNow:O} {app.Database.Provider} initiation {initiation.TotalSeconds:0.0}s p50 {latencies[latencies.Count / 2]:0}ms p99 {latencies[(int)(latencies.Count * 0.99)]:0}ms total {total.TotalSeconds:0.0}s {string.Join(",", outcomes.Select(o => $"{o.Key}={o.Count}"))}\n");

        Assert.Equal(Payments, statuses[(int)HttpStatusCode.Accepted]);
        Assert.Equal(0, statuses.Skip(500).Sum());
        Assert.Equal(0, callbackFailures);
        Assert.Equal(Payments, completed);
        Assert.Equal(Payments, applied);
        Assert.Equal(Payments, receipts);
        Assert.Equal(Payments / 10, early);
        Assert.Equal(Payments * 3 / 10, duplicated);
    }

    private static async Task Post(HttpClient client, string url, string body, int copies, Action failed)
    {
        await Task.WhenAll(Enumerable.Range(0, copies).Select(async _ =>
        {
            using var response = await client.PostAsync(new Uri(url), new StringContent(body, Encoding.UTF8, "application/json"));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failed();
            }
        }));
    }
}
