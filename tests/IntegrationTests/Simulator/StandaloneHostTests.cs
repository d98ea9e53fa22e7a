using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Simulator;

/// <summary>
/// <c>dotnet run --project src/DarajaSimulator</c>: the simulator as its own process, as a team on another stack uses
/// it. It prints what a client needs, answers OAuth with what it printed, and posts to whatever URLs a client names.
/// </summary>
public sealed class StandaloneHostTests
{
    private const string Passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

    [Fact]
    public async Task Start_WithoutSettings_PrintsItsTestValuesAndAnswersOAuthWithThem()
    {
        await using var simulator = await StandaloneSimulatorProcess.StartAsync("--urls", "http://127.0.0.1:0");

        Assert.False(simulator.HasExited, string.Join(Environment.NewLine, simulator.Errors));
        Assert.Equal("simulator-consumer-key", simulator.Value("Consumer key"));
        Assert.Equal("simulator-consumer-secret", simulator.Value("Consumer secret"));
        Assert.Equal("174379", simulator.Value("Shortcode"));
        Assert.Equal(Passkey, simulator.Value("Passkey"));
        Assert.Equal("testapi", simulator.Value("Initiator name"));
        Assert.Equal("Safaricom999!*!", simulator.Value("Initiator password"));
        Assert.Equal("Documented", simulator.Value("Strictness"));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await File.ReadAllTextAsync(simulator.Value("Certificate (PEM)")), StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", simulator.BaseUrl.Host);
        Assert.NotEqual(0, simulator.BaseUrl.Port);

        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var token = await TokenAsync(http, simulator.Value("Consumer key"), simulator.Value("Consumer secret"));
        using var refused = await TokenAsync(http, simulator.Value("Consumer key"), "not-the-secret");

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var issued = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        Assert.Equal(28, issued.RootElement.GetProperty("access_token").GetString()!.Length);
        Assert.Equal("3599", issued.RootElement.GetProperty("expires_in").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("400.008.01", error.RootElement.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Start_WithSettings_PrintsAndChecksThoseInstead()
    {
        await using var simulator = await StandaloneSimulatorProcess.StartAsync(
            "--urls", "http://127.0.0.1:0",
            "--Simulator:ConsumerKey=team-key",
            "--Simulator:ConsumerSecret=team-secret",
            "--Simulator:Strictness=Strict");

        Assert.Equal("team-key", simulator.Value("Consumer key"));
        Assert.Equal("team-secret", simulator.Value("Consumer secret"));
        Assert.Equal("Strict", simulator.Value("Strictness"));

        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var withDefaults = await TokenAsync(http, "simulator-consumer-key", "simulator-consumer-secret");
        using var withSettings = await TokenAsync(http, "team-key", "team-secret");

        Assert.Equal(HttpStatusCode.BadRequest, withDefaults.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withSettings.StatusCode);
    }

    [Fact]
    public async Task StkPushAndTransactionStatus_FromAnyClient_ArePostedToTheUrlsItNamed()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        await using var simulator = await StandaloneSimulatorProcess.StartAsync("--urls", "http://127.0.0.1:0", "--Simulator:CallbackDelay=00:00:00.200");
        using var http = new HttpClient { BaseAddress = simulator.BaseUrl };
        using var tokenResponse = await TokenAsync(http, simulator.Value("Consumer key"), simulator.Value("Consumer secret"));
        using var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());

        var push = SimulatorHost.StkPush();
        push["CallBackURL"] = receiver.Url("/shop/callbacks/order-17");
        using var pushed = await http.PostAsJsonAsync(new Uri("mpesa/stkpush/v1/processrequest", UriKind.Relative), push);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);

        var callback = await receiver.NextAsync();
        Assert.Equal("/shop/callbacks/order-17", callback.Path);
        var stkCallback = callback.Body.GetProperty("Body").GetProperty("stkCallback");
        Assert.Equal(0, stkCallback.GetProperty("ResultCode").GetInt32());
        var receipt = stkCallback.GetProperty("CallbackMetadata").GetProperty("Item").EnumerateArray()
            .Single(i => i.GetProperty("Name").GetString() == "MpesaReceiptNumber").GetProperty("Value").GetString()!;

        var certificate = await File.ReadAllTextAsync(simulator.Value("Certificate (PEM)"));
        var status = new Dictionary<string, object?>
        {
            ["Initiator"] = simulator.Value("Initiator name"),
            ["SecurityCredential"] = SimulatorHost.SecurityCredential(certificate, simulator.Value("Initiator password")),
            ["CommandID"] = "TransactionStatusQuery",
            ["TransactionID"] = receipt,
            ["PartyA"] = simulator.Value("Shortcode"),
            ["IdentifierType"] = "4",
            ["ResultURL"] = receiver.Url("/shop/status/result"),
            ["QueueTimeOutURL"] = receiver.Url("/shop/status/timeout"),
            ["Remarks"] = "OK",
        };
        using var acknowledged = await http.PostAsJsonAsync(new Uri("mpesa/transactionstatus/v1/query", UriKind.Relative), status);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        var result = await receiver.NextAsync();
        Assert.Equal("/shop/status/result", result.Path);
        Assert.Equal(0, result.Body.GetProperty("Result").GetProperty("ResultCode").GetInt32());
        Assert.Equal(receipt, result.Body.GetProperty("Result").GetProperty("TransactionID").GetString());
    }

    [Fact]
    public async Task Start_OnAPortInUse_PrintsOneLineAndExitsWith1()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        await using var simulator = await StandaloneSimulatorProcess.StartAsync("--urls", $"http://127.0.0.1:{port}");

        Assert.True(simulator.HasExited);
        Assert.Equal(1, simulator.ExitCode);
        var line = Assert.Single(simulator.Errors);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
        Assert.Contains("--urls", line, StringComparison.Ordinal);
        Assert.DoesNotContain(simulator.Output, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithUnknownStrictness_NamesTheSettingAndExitsWith1()
    {
        await using var simulator = await StandaloneSimulatorProcess.StartAsync("--urls", "http://127.0.0.1:0", "--Simulator:Strictness=Lenient");

        Assert.True(simulator.HasExited);
        Assert.Equal(1, simulator.ExitCode);
        Assert.Equal("Daraja simulator: Simulator:Strictness must be Documented or Strict.", Assert.Single(simulator.Errors));
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient http, string key, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("oauth/v1/generate?grant_type=client_credentials", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));
        return http.SendAsync(request);
    }

    /// <summary>A client's callback receiver on loopback: records each POST's path and JSON body, answers 200.</summary>
    private sealed class LoopbackReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Channel<(string Path, JsonElement Body)> _posts;

        private LoopbackReceiver(WebApplication app, Channel<(string Path, JsonElement Body)> posts)
        {
            _app = app;
            _posts = posts;
        }

        public static async Task<LoopbackReceiver> StartAsync()
        {
            var posts = Channel.CreateUnbounded<(string Path, JsonElement Body)>();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/{**path}", async (HttpContext context) =>
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                await posts.Writer.WriteAsync((context.Request.Path.Value!, body.RootElement.Clone()));
                return Results.Json(new { ResultCode = 0, ResultDesc = "Accepted" });
            });
            await app.StartAsync();
            return new LoopbackReceiver(app, posts);
        }

        public string Url(string path) => _app.Urls.First().TrimEnd('/') + path;

        public async Task<(string Path, JsonElement Body)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            return await _posts.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
