using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Shield.Infrastructure.Webhooks;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks through the real host, to a real receiver on loopback that checks every signature with the independent
/// StandardWebhooks package: the envelope, retries, 410, 3xx, rotation, ordering per payment, another client's ids,
/// the events API and redelivery.
/// </summary>
public sealed class WebhookTests
{
    private const string OtherKey = "other-client-key";

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Simulator:CallbackDelay"] = "00:00:00.150",
            ["Reconciliation:Enabled"] = "false",
            ["Events:PollInterval"] = "00:00:00.050",
            ["Webhooks:PollInterval"] = "00:00:00.050",
            ["Webhooks:RetrySchedule:0"] = "00:00:00",
            ["Webhooks:RetrySchedule:1"] = "00:00:00.300",
            ["Webhooks:RetrySchedule:2"] = "00:00:00.300",
            ["ApiClients:1:Id"] = "other",
            ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Delivery_IsTheSignedEnvelope_VerifiedByStandardWebhooks_InOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var endpoint = await CreateEndpointAsync(client, receiver);

        var payment = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 120)).Id);
        var received = await receiver.WaitForAsync(r => r.Count >= 2);

        Assert.Equal(["payment.created", "payment.completed"], received.Select(r => Envelope(r).GetProperty("type").GetString()));
        Assert.All(received, r => Assert.Equal([endpoint.Secret], r.VerifiedWith));
        var completed = Envelope(received[1]);
        Assert.Equal(received[1].Id, completed.GetProperty("id").GetString());
        Assert.Equal("Completed", completed.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(payment.Id, completed.GetProperty("data").GetProperty("id").GetGuid());
        Assert.Equal(payment.MpesaReceiptNumber, completed.GetProperty("data").GetProperty("mpesaReceiptNumber").GetString());
        Assert.True(long.Parse(received[1].Timestamp, System.Globalization.CultureInfo.InvariantCulture) >= DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds());

        using var page = await GetJsonAsync(client, $"api/v1/events?paymentId={payment.Id}");
        var events = page.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e =>
        {
            var delivery = Assert.Single(e.GetProperty("deliveries").EnumerateArray().ToList());
            Assert.Equal("Succeeded", delivery.GetProperty("status").GetString());
            Assert.Equal(200, Assert.Single(delivery.GetProperty("attempts").EnumerateArray().ToList()).GetProperty("statusCode").GetInt32());
        });
    }

    [Fact]
    public async Task Delivery_500ThenOk_IsRetriedWithTheSameIdAndBody_AndTheLaterEventWaits()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        await CreateEndpointAsync(client, receiver);
        receiver.Answer(500, 503);

        await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        var received = await receiver.WaitForAsync(r => r.Count >= 4);

        var created = received.Where(r => Type(r) == "payment.created").ToList();
        Assert.Equal(3, created.Count); // 500, 503, then 200
        Assert.Single(created.Select(r => r.Id).Distinct());
        Assert.Single(created.Select(r => r.Body).Distinct());
        // The payment's next event went out only after its first was received.
        Assert.Equal("payment.completed", Type(received[3]));
        Assert.True(received[3].At >= created[2].At);

        using var detail = await GetJsonAsync(client, $"api/v1/events/{created[0].Id}");
        var attempts = detail.RootElement.GetProperty("deliveries")[0].GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([500, 503, 200], attempts.Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(1024, attempts[0].GetProperty("responseExcerpt").GetString()!.Length); // the first 1 KB of the answer
    }

    [Fact]
    public async Task Delivery_Gone_DisablesTheEndpointAndSaysWhy()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var endpoint = await CreateEndpointAsync(client, receiver);
        receiver.Answer(410);

        await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        await receiver.WaitForAsync(r => r.Count >= 1);
        using var read = await WaitForJsonAsync(client, $"api/v1/webhook-endpoints/{endpoint.Id}", e => e.GetProperty("disabled").GetBoolean());
        await Task.Delay(500); // the payment's next event, due now, must not be sent to a disabled endpoint
        Assert.Contains("410", read.RootElement.GetProperty("disabledReason").GetString(), StringComparison.Ordinal);
        Assert.Single(receiver.Received); // nothing more was sent to it
    }

    [Fact]
    public async Task Delivery_Redirect_IsAFailure_AndNotFollowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        await CreateEndpointAsync(client, receiver, "payment.created");
        receiver.Answer(302);

        await client.CreatePaymentAsync(Phones.Next());
        var received = await receiver.WaitForAsync(r => r.Count >= 2);

        Assert.DoesNotContain(received, r => r.Id == "elsewhere");
        using var detail = await GetJsonAsync(client, $"api/v1/events/{received[0].Id}");
        var attempts = detail.RootElement.GetProperty("deliveries")[0].GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal(302, attempts[0].GetProperty("statusCode").GetInt32());
        Assert.Contains("redirect", attempts[0].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RotateSecret_SignsWithBothDuringTheGrace_ThenTheNewOneOnly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings(("Webhooks:SecretRotationGrace", "00:00:05")));
        using var client = app.Client();
        var endpoint = await CreateEndpointAsync(client, receiver, "payment.created");

        using var rotated = await client.PostAsync(new Uri($"api/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        receiver.Secrets.Add(newSecret);
        await client.CreatePaymentAsync(Phones.Next());
        var during = (await receiver.WaitForAsync(r => r.Count >= 1))[0];
        await Task.Delay(5500);
        await client.CreatePaymentAsync(Phones.Next());
        var after = (await receiver.WaitForAsync(r => r.Count >= 2))[1];

        Assert.NotEqual(endpoint.Secret, newSecret);
        Assert.Equal(2, during.Signature.Split(' ').Length);
        Assert.Contains(endpoint.Secret, during.VerifiedWith); // a receiver still on the old secret
        Assert.Contains(newSecret, during.VerifiedWith);       // and one already on the new
        Assert.Single(after.Signature.Split(' '));
        Assert.Equal([newSecret], after.VerifiedWith);
    }

    [Fact]
    public async Task Endpoints_AndEvents_OfAnotherClient_Are404_AndListedNowhere()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var endpoint = await CreateEndpointAsync(client, receiver, "payment.created");
        await client.CreatePaymentAsync(Phones.Next());
        var eventId = (await receiver.WaitForAsync(r => r.Count >= 1))[0].Id;
        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"api/v1/webhook-endpoints/{endpoint.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync(new Uri($"api/v1/webhook-endpoints/{endpoint.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(new Uri($"api/v1/webhook-endpoints/{endpoint.Id}/rotate-secret", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(new Uri($"api/v1/events/{eventId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync(new Uri($"api/v1/events/{eventId}/redeliver", UriKind.Relative), null)).StatusCode);
        using var theirs = await GetJsonAsync(other, "api/v1/webhook-endpoints");
        Assert.Equal(0, theirs.RootElement.GetArrayLength());
        using var theirEvents = await GetJsonAsync(other, "api/v1/events");
        Assert.Equal(0, theirEvents.RootElement.GetProperty("totalCount").GetInt32());
        using var mine = await GetJsonAsync(client, $"api/v1/webhook-endpoints/{endpoint.Id}");
        Assert.False(mine.RootElement.TryGetProperty("secret", out _)); // the secret is shown once, at creation
    }

    [Fact]
    public async Task EventsApi_Filters_AndRedeliver_SendsItAgainWithItsId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings(("Webhooks:RetrySchedule:1", "01:00:00")));
        using var client = app.Client();
        await CreateEndpointAsync(client, receiver);
        receiver.Answer(500);
        var payment = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        var first = (await receiver.WaitForAsync(r => r.Count >= 1))[0];
        (await WaitForJsonAsync(client, $"api/v1/events?type=payment.completed&paymentId={payment.Id}",
            page => page.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("deliveries").GetArrayLength() > 0))).Dispose();

        using var undelivered = await GetJsonAsync(client, "api/v1/events?deliverySuccess=false");
        using var completedOnly = await GetJsonAsync(client, $"api/v1/events?type=payment.completed&paymentId={payment.Id}");
        using var badType = await client.GetAsync(new Uri("api/v1/events?type=payment.paid", UriKind.Relative));
        Assert.Contains(first.Id, undelivered.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var completed = Assert.Single(completedOnly.RootElement.GetProperty("items").EnumerateArray().ToList());
        var waiting = completed.GetProperty("deliveries")[0];
        Assert.Equal("Pending", waiting.GetProperty("status").GetString()); // behind the first, which is retried in an hour
        Assert.Equal(0, waiting.GetProperty("attempts").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);

        using var redeliver = await client.PostAsync(new Uri($"api/v1/events/{first.Id}/redeliver", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        var again = await receiver.WaitForAsync(r => r.Count(x => x.Id == first.Id) >= 2 && r.Any(x => Type(x) == "payment.completed"));

        Assert.Equal(first.Body, again.Last(r => r.Id == first.Id).Body);
        Assert.True(again.Single(r => Type(r) == "payment.completed").At >= again.Last(r => r.Id == first.Id).At);
    }

    [Fact]
    public async Task Recover_AfterGone_EnablesTheEndpoint_AndSendsWhatFailedMeanwhile_InOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var endpoint = await CreateEndpointAsync(client, receiver);
        receiver.Answer(410);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToOffset(TimeSpan.FromHours(3)); // Nairobi time: compared as the instant it is
        var payment = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        (await WaitForJsonAsync(client, $"api/v1/events?paymentId={payment.Id}&deliverySuccess=false",
            page => page.GetProperty("totalCount").GetInt32() == 2)).Dispose(); // both kept, though the endpoint was disabled by the first
        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        using var theirs = await other.PostAsJsonAsync($"api/v1/webhook-endpoints/{endpoint.Id}/recover", new { since });
        using var recovered = await client.PostAsJsonAsync($"api/v1/webhook-endpoints/{endpoint.Id}/recover", new { since });
        var received = await receiver.WaitForAsync(r => r.Count >= 3);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, recovered.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await recovered.Content.ReadAsStringAsync()).RootElement.GetProperty("redelivering").GetInt32());
        Assert.Equal(["payment.created", "payment.created", "payment.completed"], received.Select(Type));
        using var read = await GetJsonAsync(client, $"api/v1/webhook-endpoints/{endpoint.Id}");
        Assert.False(read.RootElement.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task Retention_DeletesSettledDeliveriesOfOldEvents_AndKeepsThoseStillBeingTried()
    {
        await using var ok = await WebhookReceiver.StartAsync();
        await using var failing = await WebhookReceiver.StartAsync();
        await using var app = new ShieldApp(Settings(("Webhooks:EventRetention", "00:00:01"), ("Webhooks:RetrySchedule:1", "01:00:00")));
        using var client = app.Client();
        await CreateEndpointAsync(client, ok, "payment.created");
        await CreateEndpointAsync(client, failing, "payment.created");
        failing.Answer(500);
        await client.CreatePaymentAsync(Phones.Next());
        await ok.WaitForAsync(r => r.Count >= 1);
        await failing.WaitForAsync(r => r.Count >= 1);
        await Task.Delay(1500);

        var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<WebhookDeliveryWorker>().Single();
        var deleted = await worker.CleanUpAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        var left = await app.WithDatabase(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.WebhookDeliveries));
        Assert.Equal(Shield.Domain.Webhooks.WebhookDeliveryStatus.Pending, Assert.Single(left).Status); // still to retry in an hour: kept
    }

    [Fact]
    public async Task CreateEndpoint_RefusesWhatShieldMustNotPostTo()
    {
        await using var app = new ShieldApp(Settings(("Webhooks:AllowedPrivateNetworks:0", "203.0.113.0/24"), ("Webhooks:AllowedPrivateNetworks:1", "2001:db8::/32")));
        using var client = app.Client();

        Assert.Equal("webhook_url_not_allowed", await RefusalAsync(client, "http://127.0.0.1:9/hook"));
        Assert.Equal("webhook_url_not_allowed", await RefusalAsync(client, "http://localhost:9/hook")); // a name that resolves to loopback
        Assert.Equal("webhook_url_not_allowed", await RefusalAsync(client, "http://169.254.169.254/latest/meta-data"));
        Assert.Equal("webhook_url_has_credentials", await RefusalAsync(client, "http://user:pass@example.com/hook"));
        Assert.Equal("webhook_url_invalid", await RefusalAsync(client, "ftp://example.com/hook"));
        Assert.Equal("validation_failed", await RefusalAsync(client, "https://example.com/hook", "payment.paid"));
    }

    [Fact]
    public async Task Delivery_NameThatResolvesToLoopbackAtConnectTime_IsRefusedThere_AndNothingIsSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var lookups = 0;
        var rebinding = new WebhookResolver((host, _) => Task.FromResult(host == "rebind.test"
            ? [Interlocked.Increment(ref lookups) == 1 ? IPAddress.Parse("93.184.216.34") : IPAddress.Loopback] // public when registered, then loopback
            : Array.Empty<IPAddress>()));
        await using var app = new ShieldApp(Settings(("Webhooks:AllowedPrivateNetworks:0", "203.0.113.0/24"), ("Webhooks:AllowedPrivateNetworks:1", "2001:db8::/32")))
        {
            TestServices = services => services.AddSingleton(rebinding),
        };
        using var client = app.Client();
        using var created = await client.PostAsJsonAsync("api/v1/webhook-endpoints", new { url = $"http://rebind.test:{receiver.Url.Port}/hook", eventTypes = new[] { "payment.created" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await client.CreatePaymentAsync(Phones.Next());
        using var page = await WaitForAttemptAsync(client);

        var attempt = page.RootElement.GetProperty("items")[0].GetProperty("deliveries")[0].GetProperty("attempts")[0];
        Assert.Contains("rebind.test resolves to a loopback address", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", attempt.GetProperty("error").GetString(), StringComparison.Ordinal); // the client does not learn internal addresses
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task CreateEndpoint_RequireHttpsOn_RefusesPlainHttp()
    {
        await using var app = new ShieldApp(Settings(("Webhooks:RequireHttps", "true")));
        using var client = app.Client();

        Assert.Equal("webhook_url_not_https", await RefusalAsync(client, "http://example.com/hook"));
    }

    internal static async Task<(Guid Id, string Secret)> CreateEndpointAsync(HttpClient client, WebhookReceiver receiver, params string[] eventTypes)
    {
        using var response = await client.PostAsJsonAsync("api/v1/webhook-endpoints",
            new { url = receiver.Url.ToString(), eventTypes = eventTypes.Length == 0 ? null : eventTypes, description = "tests" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var created = JsonDocument.Parse(body);
        var secret = created.RootElement.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotNull(response.Headers.Location);
        receiver.Secrets.Add(secret);
        return (created.RootElement.GetProperty("id").GetGuid(), secret);
    }

    internal static JsonElement Envelope(ReceivedWebhook received) => JsonDocument.Parse(received.Body).RootElement;

    internal static string? Type(ReceivedWebhook received) => received.Body.Length == 0 ? null : Envelope(received).GetProperty("type").GetString();

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    private static async Task<JsonDocument> WaitForJsonAsync(HttpClient client, string path, Func<JsonElement, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var document = await GetJsonAsync(client, path);
            if (done(document.RootElement))
            {
                return document;
            }

            document.Dispose();
            await Task.Delay(50);
        }

        throw new TimeoutException($"{path} did not show what the test waited for.");
    }

    private static async Task<JsonDocument> WaitForAttemptAsync(HttpClient client)
    {
        for (var i = 0; i < 200; i++)
        {
            var page = await GetJsonAsync(client, "api/v1/events?type=payment.created");
            if (page.RootElement.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("attempts").GetArrayLength() > 0)))
            {
                return page;
            }

            page.Dispose();
            await Task.Delay(50);
        }

        throw new TimeoutException("No delivery attempt was recorded.");
    }

    private static async Task<string?> RefusalAsync(HttpClient client, string url, string? eventType = null)
    {
        using var response = await client.PostAsJsonAsync("api/v1/webhook-endpoints", new { url, eventTypes = eventType is null ? null : new[] { eventType } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString();
    }
}
