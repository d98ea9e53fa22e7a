using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>Abuse limits: per client API calls, and pushes to one phone.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task ClientRequests_BeyondTheMinuteLimit_AreTooManyRequestsForThatClientOnly()
    {
        const string otherKey = "rate-limit-other-client";
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["RateLimits:ClientRequestsPerMinute"] = "5",
            ["ApiClients:1:Id"] = "other",
            ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(otherKey))),
        });
        using var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync(new Uri("api/v1/payments", UriKind.Relative));
            statuses.Add(response.StatusCode);
            limited = response;
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(limited!.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal("too_many_requests", problem.RootElement.GetProperty("code").GetString());

        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", otherKey);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("api/v1/payments", UriKind.Relative))).StatusCode);
        Assert.Equal("Healthy", await other.GetStringAsync(new Uri("health/ready", UriKind.Relative)));
    }

    [Fact]
    public async Task PushesToOnePhone_BeyondTheHourlyLimit_AreTooManyRequestsWithoutCallingDaraja()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["RateLimits:PhonePushesPerHour"] = "2",
            ["Simulator:CallbackDelay"] = "00:00:00.100",
        });
        using var client = app.Client();
        var phone = Phones.Next("1032"); // each push is cancelled quickly, freeing the phone
        for (var i = 0; i < 2; i++)
        {
            var payment = await client.CreatePaymentAsync(phone);
            await client.WaitForAsync(payment.Id);
        }

        using var third = await client.PostPaymentAsync(phone);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        Assert.Equal("too_many_pushes", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(2, app.Journal.Requests.Count(r => r.Path.EndsWith("processrequest", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostPaymentAsync(Phones.Next())).StatusCode);
    }
}
