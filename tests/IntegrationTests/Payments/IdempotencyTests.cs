using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shield.Application.Payments.Contracts;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>Idempotency-Key (IETF draft semantics) and one push in flight per phone, both enforced by the database.</summary>
public sealed class IdempotencyTests(IdempotencyTests.Host host) : IClassFixture<IdempotencyTests.Host>
{
    public const string OtherKey = "idempotency-other-client";

    public sealed class Host() : IAsyncLifetime
    {
        public ShieldApp App { get; } = new(new Dictionary<string, string?>
        {
            ["Simulator:CallbackDelay"] = "01:00:00",
            ["Reconciliation:Enabled"] = "false",
            ["ApiClients:1:Id"] = "other",
            ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
        });

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly HttpClient _client = host.App.Client();

    [Fact]
    public async Task SameKeySameBody_ReplaysTheFirstPaymentWithoutASecondPush()
    {
        var phone = Phones.Next();
        var key = Guid.NewGuid().ToString();

        using var first = await Post(_client, key, phone, 100);
        using var second = await Post(_client, key, phone, 100);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal((await Read(first)).Id, (await Read(second)).Id);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, Pushes(phone));
    }

    [Fact]
    public async Task SameKeyDifferentBody_IsUnprocessableNamingTheFields()
    {
        var phone = Phones.Next();
        var key = Guid.NewGuid().ToString();
        (await Post(_client, key, phone, 100)).Dispose();

        using var changed = await Post(_client, key, phone, 150, "OTHER-REF");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        using var problem = JsonDocument.Parse(await changed.Content.ReadAsStringAsync());
        Assert.Equal("idempotency_key_reused", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(["amount", "accountReference"], problem.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(1, Pushes(phone));
    }

    [Fact]
    public async Task SameKey_ForAnotherClient_IsAnotherPayment()
    {
        var key = Guid.NewGuid().ToString();
        using var other = host.App.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        using var mine = await Post(_client, key, Phones.Next(), 100);
        using var theirs = await Post(other, key, Phones.Next(), 100);

        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
        Assert.NotEqual((await Read(mine)).Id, (await Read(theirs)).Id);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SameKey_SentConcurrently_MakesOnePaymentAndOnePush()
    {
        var phone = Phones.Next();
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Post(_client, key, phone, 100)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var accepted = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).ToList();
        Assert.NotEmpty(accepted);
        Assert.Single((await Task.WhenAll(accepted.Select(Read))).Select(p => p.Id).Distinct());
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            using var problem = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync());
            Assert.Equal("idempotency_key_in_use", problem.RootElement.GetProperty("code").GetString());
            Assert.NotNull(conflict.Headers.RetryAfter);
        }

        Assert.Equal(1, Pushes(phone));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task SameKey_AfterDarajaRejectedThePush_ReplaysTheRejection()
    {
        var phone = Phones.Next("0500");
        var key = Guid.NewGuid().ToString();
        using var first = await Post(_client, key, phone, 100);
        using var again = await Post(_client, key, phone, 100);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, again.StatusCode);
        using var one = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var two = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(one.RootElement.GetProperty("paymentId").GetGuid(), two.RootElement.GetProperty("paymentId").GetGuid());
        Assert.Equal("mpesa_push_rejected", two.RootElement.GetProperty("code").GetString());
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, Pushes(phone));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(0)]
    public async Task Key_TooLongOrEmpty_IsBadRequest(int length)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/payments")
        {
            Content = JsonContent.Create(new { phoneNumber = Phones.Next(), amount = 10, accountReference = "A1" }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', length));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("idempotencyKey", out _));
    }

    [Fact]
    public async Task SecondPayment_ToAPhoneWithAPushInFlight_IsSubscriberBusyWithoutCallingDaraja()
    {
        var phone = Phones.Next();
        var first = await _client.CreatePaymentAsync(phone, 100);

        using var second = await _client.PostPaymentAsync(phone, 200);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal("subscriber_busy", problem.RootElement.GetProperty("code").GetString());
        Assert.NotNull(second.Headers.RetryAfter);
        Assert.Equal(1, Pushes(phone));

        (await host.App.Anonymous().PostCallbackAsync(StkCallbacks.Failure(first.Attempts[0].CheckoutRequestId!, 1032, "Request cancelled by user"))).Dispose();
        using var third = await _client.PostPaymentAsync(phone, 200);
        Assert.Equal(HttpStatusCode.Accepted, third.StatusCode);
    }

    [Fact]
    public async Task ConcurrentPayments_ToOnePhone_OnlyOneIsPushed()
    {
        var phone = Phones.Next();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _client.PostPaymentAsync(phone, 10 + i)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, Pushes(phone));
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string key, string phone, int amount, string reference = "INV-1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/payments")
        {
            Content = JsonContent.Create(new { phoneNumber = phone, amount, accountReference = reference }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<PaymentDetails> Read(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!;

    private int Pushes(string phone) => host.App.Journal.Requests.Count(r =>
        r.Path.EndsWith("stkpush/v1/processrequest", StringComparison.Ordinal) && r.Body!.Contains(Phones.Msisdn(phone), StringComparison.Ordinal));
}
