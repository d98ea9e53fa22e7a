using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Shield.Infrastructure.Webhooks;
using StandardWebhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>
/// Deliveries through the real handler (<see cref="WebhookHttp"/>) to a raw receiver on 127.0.0.1. The receiver's host
/// name resolves through a fake resolver; loopback is allowed only where a test says so.
/// </summary>
public sealed class WebhookSenderTests : IDisposable
{
    private const string MessageId = "evt_0193a8c2f5d37c8e9b1a2c3d4e5f6071";
    private static readonly string Secret = WebhookSecret.New();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"id":"evt_0193a8c2f5d37c8e9b1a2c3d4e5f6071","type":"payment.completed","data":{"accountReference":"Wanjirũ ✓"}}""");

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<HttpClient> _clients = [];

    public void Dispose() => _clients.ForEach(c => c.Dispose());

    [Fact]
    public async Task SendAsync_2xx_SucceedsWithStandardWebhooksHeadersAThirdPartyVerifies()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(200, "ok"));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal("ok", result.ResponseExcerpt);
        Assert.Null(result.Error);
        Assert.False(result.Gone);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hooks/shield?tenant=7", request.Target);
        Assert.Equal(Body, request.Body);
        Assert.Equal("application/json", request.Headers["content-type"]);
        Assert.Equal(Body.Length.ToString(CultureInfo.InvariantCulture), request.Headers["content-length"]);
        Assert.False(request.Headers.ContainsKey("transfer-encoding"));
        Assert.Equal("Shield-Webhooks/1", request.Headers["user-agent"]);
        Assert.Equal(MessageId, request.Headers["webhook-id"]);
        Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Headers["webhook-timestamp"]);
        Assert.False(request.Headers.ContainsKey("cookie"));
        new StandardWebhook(Secret).Verify(Encoding.UTF8.GetString(request.Body), Headers(request)); // throws when it does not verify
    }

    [Fact]
    public async Task SendAsync_Retried_KeepsTheIdAndStampsEachAttemptWithItsOwnTime()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(500));
        var sender = Sender();

        await sender.SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(65));
        await sender.SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        var (first, second) = (receiver.Requests[0], receiver.Requests[1]);
        Assert.Equal(MessageId, first.Headers["webhook-id"]);
        Assert.Equal(MessageId, second.Headers["webhook-id"]);
        Assert.Equal(65, long.Parse(second.Headers["webhook-timestamp"], CultureInfo.InvariantCulture)
            - long.Parse(first.Headers["webhook-timestamp"], CultureInfo.InvariantCulture));
        Assert.NotEqual(first.Headers["webhook-signature"], second.Headers["webhook-signature"]);
        new StandardWebhook(Secret).Verify(Encoding.UTF8.GetString(second.Body), Headers(second));
    }

    [Fact]
    public async Task SendAsync_DuringRotation_SendsBothSignaturesAndEachSecretVerifies()
    {
        var previous = WebhookSecret.New();
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(204));

        var result = await Sender().SendAsync(Url(receiver), [Secret, previous], MessageId, Body, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Null(result.ResponseExcerpt);
        var request = Assert.Single(receiver.Requests);
        var signatures = request.Headers["webhook-signature"].Split(' ');
        Assert.Equal(2, signatures.Length);
        new StandardWebhook(Secret).Verify(Encoding.UTF8.GetString(request.Body), Headers(request));
        // StandardWebhooks 1.1.2 never checks a header's last signature (see WebhookSignatureTests): check it alone.
        new StandardWebhook(previous).Verify(Encoding.UTF8.GetString(request.Body), Headers(request, signatures[1]));
    }

    [Fact]
    public async Task SendAsync_500_FailsWithTheStatusAndTheAnswer()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(500, """{"error":"database down"}"""));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("""{"error":"database down"}""", result.ResponseExcerpt);
        Assert.Null(result.RetryAfter);
        Assert.False(result.Gone);
    }

    [Fact]
    public async Task SendAsync_410_FailsAndSaysGone()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(410));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(410, result.StatusCode);
        Assert.True(result.Gone);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_Redirect_FailsAndIsNotFollowed(int status)
    {
        await using var receiver = new RawHttpReceiver((request, stream, cancellationToken) => request.Target == "/moved"
            ? RawHttpReceiver.WriteAsync(stream, 200, [], [], cancellationToken)
            : RawHttpReceiver.WriteAsync(stream, status, [], ["Location: /moved"], cancellationToken));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(status, result.StatusCode);
        Assert.Equal("redirect to /moved not followed", result.Error);
        Assert.Single(receiver.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task SendAsync_RetryAfterInSeconds_IsReportedOn429And503(int status)
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(status, "slow down", "Retry-After: 120"));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_RetryAfterAsHttpDate_IsTheTimeUntilThatDate()
    {
        var date = _clock.GetUtcNow().AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(503, "", $"Retry-After: {date}"));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        // The header has whole seconds; the fake clock has the current fraction of a second.
        Assert.InRange(result.RetryAfter!.Value, TimeSpan.FromSeconds(89), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task SendAsync_RetryAfterDateInThePast_IsZero()
    {
        var date = _clock.GetUtcNow().AddHours(-1).ToString("R", CultureInfo.InvariantCulture);
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(429, "", $"Retry-After: {date}"));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.Equal(TimeSpan.Zero, result.RetryAfter);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public async Task SendAsync_RetryAfterOnOtherStatuses_IsIgnored(int status)
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(status, "", "Retry-After: 120"));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_LongAnswer_KeepsTheFirst1024Bytes()
    {
        var answer = new string('a', 1000) + new string('b', 4000);
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(500, answer));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.Equal(answer[..1024], result.ResponseExcerpt);
    }

    [Fact]
    public async Task SendAsync_AnswerCutInsideACharacter_DropsTheCutCharacter()
    {
        var answer = new string('a', 1023) + "é and more";   // é is 2 bytes: bytes 1024 and 1025
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(400, answer));

        var result = await Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.Equal(new string('a', 1023), result.ResponseExcerpt);
    }

    [Fact]
    public async Task SendAsync_EndlessAnswer_ReadsOnly1KbAndDoesNotWaitForTheRest()
    {
        // The receiver promises 10 MB, sends 2 KB and then nothing: reading the whole answer would hit the timeout.
        await using var receiver = new RawHttpReceiver(async (_, stream, cancellationToken) =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n"), cancellationToken);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(new string('x', 2048)), cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });

        var result = await Sender(o => o.Timeout = TimeSpan.FromSeconds(5)).SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new string('x', 1024), result.ResponseExcerpt);
        Assert.True(result.Duration < TimeSpan.FromSeconds(4), $"took {result.Duration}");
    }

    [Fact]
    public async Task SendAsync_ReceiverSlowerThanTheTimeout_FailsAsTimedOut()
    {
        await using var receiver = new RawHttpReceiver(async (_, _, cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken));

        var result = await Sender(o => o.Timeout = TimeSpan.FromMilliseconds(300))
            .SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal("timed out after 300 ms", result.Error);
        Assert.InRange(result.Duration, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task SendAsync_NothingListening_FailsAsConnectionRefused()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var result = await SenderWith(Loopback()).SendAsync(new Uri($"http://receiver.test:{port}/hooks"), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal("connection refused by the receiver", result.Error);
    }

    [Fact]
    public async Task SendAsync_NameRebindsToLoopbackWhileNoRangeIsAllowed_IsRefusedAndTheReceiverGetsNothing()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(200));
        var options = new WebhooksOptions { RequireHttps = false };   // AllowedPrivateNetworks stays empty
        using var http = new HttpClient(WebhookHttp.CreateHandler(options, (_, _) => Task.FromResult(new[] { IPAddress.Loopback })));
        var sender = new WebhookSender(http, _clock, Options.Create(options));

        var result = await sender.SendAsync(new Uri($"http://rebind.test:{receiver.Port}/hooks"), [Secret], MessageId, Body, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal("connection refused by Shield: rebind.test resolves to a loopback address, which Webhooks:AllowedPrivateNetworks does not allow", result.Error);
        Assert.Empty(receiver.Requests);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task SendAsync_IpLiteralOfLoopbackWhileNoRangeIsAllowed_IsRefused()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(200));
        var options = new WebhooksOptions { RequireHttps = false };
        using var http = new HttpClient(WebhookHttp.CreateHandler(options, (_, _) => throw new InvalidOperationException("an IP literal is not resolved")));
        var sender = new WebhookSender(http, _clock, Options.Create(options));

        var result = await sender.SendAsync(new Uri($"http://127.0.0.1:{receiver.Port}/hooks"), [Secret], MessageId, Body, CancellationToken.None);

        Assert.Contains("127.0.0.1 resolves to a loopback address", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Connections);
    }

    [Fact]
    public async Task SendAsync_CookieSetByAReceiver_IsNeverSentBack()
    {
        await using var receiver = new RawHttpReceiver(RawHttpReceiver.Reply(200, "", "Set-Cookie: session=abc; Path=/"));
        var sender = Sender();

        await sender.SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);
        await sender.SendAsync(Url(receiver), [Secret], MessageId, Body, CancellationToken.None);

        Assert.Equal(2, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.False(r.Headers.ContainsKey("cookie")));
    }

    [Fact]
    public async Task SendAsync_CallerCancels_Throws()
    {
        await using var receiver = new RawHttpReceiver(async (_, _, cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken));
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender().SendAsync(Url(receiver), [Secret], MessageId, Body, shutdown.Token));
    }

    private static Uri Url(RawHttpReceiver receiver) => new($"http://receiver.test:{receiver.Port}/hooks/shield?tenant=7");

    private static WebhooksOptions Loopback(Action<WebhooksOptions>? change = null)
    {
        var options = new WebhooksOptions { RequireHttps = false };
        options.AllowedPrivateNetworks.Add("127.0.0.0/8");
        change?.Invoke(options);
        return options;
    }

    private WebhookSender Sender(Action<WebhooksOptions>? change = null) => SenderWith(Loopback(change));

    private WebhookSender SenderWith(WebhooksOptions options)
    {
        var http = new HttpClient(WebhookHttp.CreateHandler(options, (host, _) => host == "receiver.test"
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))));
        _clients.Add(http);
        return new WebhookSender(http, _clock, Options.Create(options));
    }

    private static HeaderDictionary Headers(ReceivedRequest request, string? signature = null) => new()
    {
        ["webhook-id"] = request.Headers["webhook-id"],
        ["webhook-timestamp"] = request.Headers["webhook-timestamp"],
        ["webhook-signature"] = signature ?? request.Headers["webhook-signature"],
    };
}
