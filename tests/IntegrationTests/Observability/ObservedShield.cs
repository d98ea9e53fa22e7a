using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// Shield as its own process (so that its meters and spans are its own, not shared with the other tests' hosts in this
/// process), in Development: the simulator as Daraja, the demo client, a new SQLite file migrated at start.
/// </summary>
internal static class ObservedShield
{
    /// <summary>The secrets of appsettings.Development.json (and the demo client's key): never in any telemetry.</summary>
    public static readonly string[] Secrets =
    [
        "shield-dev-consumer-key", "shield-dev-consumer-secret", "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919",
        ShieldApp.CallbackSecret, "Safaricom999!*!", ShieldApp.ApiKey,
    ];

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Shield"] = "Data Source=shield.db",
            ["Database__MigrateOnStartup"] = "true",
            ["Simulator__CallbackDelay"] = "00:00:00.300",
            ["Simulator__Strictness"] = "Strict",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<ShieldProcess> StartAsync(IDictionary<string, string?>? more = null)
    {
        var shield = ShieldProcess.Start(Settings(more));
        Assert.True(await shield.WaitForLiveAsync(), $"Shield did not start. Output:\n{shield.Output}");
        return shield;
    }

    /// <summary>A W3C trace context of a new trace: the header value and its trace id.</summary>
    public static (string Header, string TraceId) NewTraceParent()
    {
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return ($"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01", traceId);
    }

    /// <summary>Posts a payment (in a trace of the caller's when given) and waits until it completes.</summary>
    public static async Task<Guid> PayAsync(HttpClient client, string phone, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/payments", UriKind.Relative))
        {
            Content = JsonContent.Create(new { phoneNumber = phone, amount = 100, accountReference = "INV-OBS-1", description = "Shield order" }),
        };
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST answered {(int)response.StatusCode}: {body}");
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        var payment = await client.WaitForAsync(id);
        Assert.Equal(Shield.Domain.Payments.PaymentStatus.Completed, payment.Status);
        return id;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="seconds"/> pass; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }
}
