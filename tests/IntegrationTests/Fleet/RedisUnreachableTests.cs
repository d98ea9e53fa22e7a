using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Fleet;

/// <summary>Cache:Redis names a Redis that never answers (nothing listens on its port): Shield starts and takes payments anyway.</summary>
public sealed class RedisUnreachableTests
{
    [Fact]
    public async Task Start_RedisNeverReachable_TakesPaymentsQuicklyAndReportsRedisDegraded()
    {
        await using var daraja = new FakeDaraja();
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Cache:Redis"] = $"127.0.0.1:{TestPorts.Free()}",
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Enabled"] = "false",
            ["RateLimits:PhonePushesPerHour"] = "100",
        });
        var client = app.Client();

        var started = DateTime.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await client.CreatePaymentAsync(Phones.Next());
        }

        var elapsed = DateTime.UtcNow - started;
        using var health = await client.GetAsync(new Uri("health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        Assert.Equal(1, daraja.Tokens); // this instance's own token, fetched once
        Assert.True(elapsed < TimeSpan.FromSeconds(8), $"5 payments took {elapsed.TotalSeconds:0.0} s with Redis down");
    }

    [Fact]
    public async Task HealthReady_WithoutCacheRedis_IsHealthyWithoutARedisCheck()
    {
        await using var app = new ShieldApp();

        using var health = await app.Client().GetAsync(new Uri("health/ready", UriKind.Relative));
        var checks = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.DoesNotContain(checks, c => c.Name == "redis");
    }
}
