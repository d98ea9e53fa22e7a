using System.Net;
using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Fleet;

/// <summary>
/// Two Shield hosts (the real Program on Kestrel) sharing one database and one redis-server of the test's own, against
/// one Daraja stand-in that counts token requests: the fleet shares its OAuth token and its rate limits, and keeps
/// taking payments while Redis is down, with stricter per-instance limits, until Redis is back.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SharedStateTests
{
    private const string RejectedPush = """{"requestId":"fleet-1","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid Amount"}""";

    [RedisFleetFact]
    public async Task Token_ManyConcurrentPaymentsThroughTwoHosts_IsRequestedOnceForTheFleet()
    {
        await using var fleet = await Fleet.StartAsync();
        using var metricsA = new ShieldMeterRecorder(fleet.First);
        using var metricsB = new ShieldMeterRecorder(fleet.Second);

        var posts = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? fleet.A : fleet.B).PostPaymentAsync(Phones.Next())).ToList();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(40, fleet.Daraja.Pushes);
        Assert.Equal(1, fleet.Daraja.Tokens);
        Assert.Equal(1, metricsA.Count("shield.daraja.tokens.issued") + metricsB.Count("shield.daraja.tokens.issued"));
    }

    [RedisFleetFact]
    public async Task Token_CalledInvalidByDaraja_IsReplacedOnceAndTheNewOneShared()
    {
        await using var fleet = await Fleet.StartAsync();
        var issued = 0;
        fleet.Daraja.Token = c => FakeDaraja.Json(c, HttpStatusCode.OK, $$"""{"access_token":"fleetToken{{Interlocked.Increment(ref issued)}}","expires_in":"3599"}""");
        await fleet.A.CreatePaymentAsync(Phones.Next());
        await fleet.B.CreatePaymentAsync(Phones.Next());
        Assert.Equal(1, fleet.Daraja.Tokens);

        // Daraja now calls the first token invalid (as after another token was issued for the same app).
        fleet.Daraja.Push = (c, number, _) => c.Request.Headers.Authorization == "Bearer fleetToken1"
            ? FakeDaraja.Json(c, HttpStatusCode.Unauthorized, """{"requestId":"t","errorCode":"404.001.03","errorMessage":"Invalid Access Token"}""")
            : FakeDaraja.Json(c, HttpStatusCode.OK, FakeDaraja.Accepted($"ws_CO_FLEET_{number:D6}"));
        await fleet.A.CreatePaymentAsync(Phones.Next());
        await fleet.B.CreatePaymentAsync(Phones.Next());
        await fleet.A.CreatePaymentAsync(Phones.Next());

        Assert.Equal(2, fleet.Daraja.Tokens);
    }

    [RedisFleetFact]
    public async Task PhonePushes_ThroughBothHosts_AreCountedForTheFleet()
    {
        await using var fleet = await Fleet.StartAsync(phonePushesPerHour: 2);
        using var metrics = new ShieldMeterRecorder(fleet.First);
        fleet.Daraja.Push = (c, _, _) => FakeDaraja.Json(c, HttpStatusCode.BadRequest, RejectedPush); // settled at once: the phone is free again
        var phone = Phones.Next();

        using var first = await fleet.A.PostPaymentAsync(phone);
        using var second = await fleet.B.PostPaymentAsync(phone);
        using var third = await fleet.A.PostPaymentAsync(phone);

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
        await AssertTooManyAsync(third, "too_many_pushes", maxRetryAfterSeconds: 3600);
        Assert.Equal(2, fleet.Daraja.Pushes);
        Assert.Equal(1, metrics.Count("shield.rate_limited", ("limit", "phone_pushes"), ("scope", "fleet")));
    }

    [RedisFleetFact]
    public async Task ClientRequests_ThroughBothHosts_AreCountedForTheFleet()
    {
        await using var fleet = await Fleet.StartAsync(clientRequestsPerMinute: 4);
        using var metrics = new ShieldMeterRecorder(fleet.First);
        await AwayFromAMinuteBoundaryAsync();

        foreach (var client in new[] { fleet.A, fleet.B, fleet.A, fleet.B })
        {
            using var allowed = await client.GetAsync(new Uri("api/v1/payments", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await fleet.A.GetAsync(new Uri("api/v1/payments", UriKind.Relative));
        await AssertTooManyAsync(refused, "too_many_requests", maxRetryAfterSeconds: 60);
        Assert.Equal(1, metrics.Count("shield.rate_limited", ("limit", "client_requests"), ("scope", "fleet")));
    }

    [RedisFleetFact]
    public async Task RedisDown_PaymentsGoOnWithStricterLimitsAndDegradedHealth_ThenTheFleetSharesAgain()
    {
        await using var fleet = await Fleet.StartAsync(phonePushesPerHour: 4, fleetInstances: 2);
        using var metrics = new ShieldMeterRecorder(fleet.First);
        await fleet.Redis.StopAsync();

        // Down: each instance gets its own token and allows its share, 4 / 2 = 2 pushes per phone.
        using (var health = await fleet.A.GetAsync(new Uri("health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
        }

        await fleet.A.CreatePaymentAsync(Phones.Next());
        await fleet.B.CreatePaymentAsync(Phones.Next());
        Assert.Equal(2, fleet.Daraja.Tokens);
        fleet.Daraja.Push = (c, _, _) => FakeDaraja.Json(c, HttpStatusCode.BadRequest, RejectedPush);
        var phone = Phones.Next();
        using (var first = await fleet.A.PostPaymentAsync(phone))
        using (var second = await fleet.A.PostPaymentAsync(phone))
        using (var third = await fleet.A.PostPaymentAsync(phone))
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, second.StatusCode);
            await AssertTooManyAsync(third, "too_many_pushes", maxRetryAfterSeconds: 3600);
            Assert.Equal(1, metrics.Count("shield.rate_limited", ("limit", "phone_pushes"), ("scope", "instance")));
        }

        // Back, without restarting Shield: Healthy, and one phone's budget is the fleet's 4 again, wherever it is spent.
        await fleet.Redis.StartAgainAsync();
        await WaitUntilHealthyAsync(fleet.A);
        await WaitUntilHealthyAsync(fleet.B);
        await Task.Delay(TimeSpan.FromSeconds(4)); // past the few seconds an instance skips Redis after a failure
        var again = Phones.Next();
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { fleet.A, fleet.A, fleet.A, fleet.B, fleet.B })
        {
            using var response = await client.PostPaymentAsync(again);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(4, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(1, metrics.Count("shield.rate_limited", ("limit", "phone_pushes"), ("scope", "instance"))); // none more while Redis counted

        // The token is the fleet's again: Daraja calls the instances' own token invalid, and one new token serves both.
        var tokensBefore = fleet.Daraja.Tokens;
        fleet.Daraja.Token = c => FakeDaraja.Json(c, HttpStatusCode.OK, """{"access_token":"recoveredToken","expires_in":"3599"}""");
        fleet.Daraja.Push = (c, number, _) => c.Request.Headers.Authorization == "Bearer recoveredToken"
            ? FakeDaraja.Json(c, HttpStatusCode.OK, FakeDaraja.Accepted($"ws_CO_BACK_{number:D6}"))
            : FakeDaraja.Json(c, HttpStatusCode.Unauthorized, """{"requestId":"t","errorCode":"404.001.03","errorMessage":"Invalid Access Token"}""");
        await fleet.A.CreatePaymentAsync(Phones.Next());
        await fleet.B.CreatePaymentAsync(Phones.Next());
        Assert.Equal(tokensBefore + 1, fleet.Daraja.Tokens);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, string code, int maxRetryAfterSeconds)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"answered {(int)response.StatusCode}: {body}");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, maxRetryAfterSeconds);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var health = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
            var status = await health.Content.ReadAsStringAsync();
            if (status == "Healthy")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready still says {status}");
            await Task.Delay(200);
        }
    }

    /// <summary>The client limit's window is a fixed minute: a test counting in it stays clear of its end.</summary>
    private static async Task AwayFromAMinuteBoundaryAsync()
    {
        var intoMinute = DateTime.UtcNow.Second + (DateTime.UtcNow.Millisecond / 1000.0);
        if (intoMinute > 52)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - intoMinute));
        }
    }

    /// <summary>Two hosts on one database, one Redis and one Daraja stand-in.</summary>
    private sealed class Fleet : IAsyncDisposable
    {
        private readonly string _directory;

        private Fleet(RedisServer redis, FakeDaraja daraja, TestDatabase database, string directory, ShieldApp first, ShieldApp second)
        {
            Redis = redis;
            Daraja = daraja;
            Database = database;
            _directory = directory;
            First = first;
            Second = second;
            A = first.Client();
            B = second.Client();
        }

        public RedisServer Redis { get; }

        public FakeDaraja Daraja { get; }

        public TestDatabase Database { get; }

        public ShieldApp First { get; }

        public ShieldApp Second { get; }

        public HttpClient A { get; }

        public HttpClient B { get; }

        public static async Task<Fleet> StartAsync(int phonePushesPerHour = 100, int clientRequestsPerMinute = 10_000, int fleetInstances = 1)
        {
            var redis = await RedisServer.StartAsync();
            var daraja = new FakeDaraja();
            var directory = Path.Combine(Path.GetTempPath(), "shield-tests", "fleet-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var database = TestDatabase.Create(directory);
            var settings = new Dictionary<string, string?>
            {
                ["Cache:Redis"] = redis.ConnectionString,
                ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
                ["Mpesa:RequestTimeout"] = "00:00:05",
                ["Reconciliation:Enabled"] = "false",
                ["RateLimits:PhonePushesPerHour"] = phonePushesPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimits:ClientRequestsPerMinute"] = clientRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RateLimits:FleetInstances"] = fleetInstances.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var first = new ShieldApp(settings, database);
            _ = first.Client(); // the first host applies the migrations before the second starts
            var second = new ShieldApp(settings, database);
            return new Fleet(redis, daraja, database, directory, first, second);
        }

        public async ValueTask DisposeAsync()
        {
            A.Dispose();
            B.Dispose();
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Database.DisposeAsync();
            await Daraja.DisposeAsync();
            await Redis.DisposeAsync();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // left for the temp folder's own cleaning
            }
        }
    }
}
