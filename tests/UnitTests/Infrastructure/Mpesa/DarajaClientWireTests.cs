using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Mpesa;

/// <summary>
/// What the adapter puts on the wire, read by a raw TCP listener on loopback (no HTTP server library in between):
/// every Daraja POST carries its body with Content-Length, never chunked. Popular Daraja clients (Python requests,
/// axios, PHP curl) all send Content-Length, and gateways exist that read a chunked body as empty.
/// </summary>
public sealed class DarajaClientWireTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<RawRequest> _requests = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"shield-wire-{Guid.NewGuid():N}.cer");

    public DarajaClientWireTests()
    {
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
        var request = new CertificateRequest("CN=wire-test", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(_certificatePath, certificate.ExportCertificatePem());
    }

    private sealed record RawRequest(string RequestLine, Dictionary<string, string> Headers, string Body);

    [Fact]
    public async Task EveryDarajaPost_SendsContentLengthAndIsNotChunked()
    {
        var client = Client();

        var push = await client.SendStkPushAsync(new StkPushRequest(PaymentId.New(), 1, Msisdn.Parse("0708374149"), new Amount(10),
            AccountReference.Parse("INV-1"), Description.Default), CancellationToken.None);
        var query = await client.QueryStkPushAsync("ws_CO_wire", CancellationToken.None);
        var status = await client.RequestTransactionStatusAsync(new TransactionStatusRequest(PaymentId.New(), "NLJ7RT61SV"), CancellationToken.None);

        Assert.IsType<StkPushOutcome.Accepted>(push);
        Assert.IsType<StkQueryOutcome.Known>(query);
        Assert.IsType<TransactionStatusOutcome.Accepted>(status);
        var posts = _requests.Where(r => r.RequestLine.StartsWith("POST ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/mpesa/stkpush/v1/processrequest", "/mpesa/stkpushquery/v1/query", "/mpesa/transactionstatus/v1/query"],
            posts.Select(r => r.RequestLine.Split(' ')[1]));
        Assert.All(posts, post =>
        {
            Assert.False(post.Headers.ContainsKey("transfer-encoding"), $"{post.RequestLine} was sent chunked");
            Assert.True(post.Headers.TryGetValue("content-length", out var length), $"{post.RequestLine} has no Content-Length");
            Assert.Equal(Encoding.UTF8.GetByteCount(post.Body), int.Parse(length, System.Globalization.CultureInfo.InvariantCulture));
            Assert.StartsWith("{", post.Body, StringComparison.Ordinal);
            Assert.StartsWith("application/json", post.Headers["content-type"], StringComparison.Ordinal);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
        _key.Dispose();
        File.Delete(_certificatePath);
    }

    private DarajaClient Client()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new MpesaOptions
        {
            Environment = MpesaEnvironment.Sandbox,
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}",
            ConsumerKey = "consumer-key",
            ConsumerSecret = "consumer-secret",
            BusinessShortCode = "174379",
            Passkey = DarajaFixture.Passkey,
            CallbackBaseUrl = "https://pay.example.test",
            CallbackSecret = "cb-secret-0123456789abcdef",
            Initiator = "testapi",
            InitiatorPassword = "Safaricom999!*!",
            CertificatePath = _certificatePath,
        });
        var factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(Arg.Any<string>()).Returns(_ => new HttpClient());
        var clock = new FakeTimeProvider(DarajaFixture.SampleInstant);
        var addresses = new ConfiguredDarajaAddresses(options);
        var tokens = new DarajaTokenProvider(factory, options, addresses, clock, NullLogger<DarajaTokenProvider>.Instance);
        return new DarajaClient(factory, tokens, addresses, options, clock, NullLogger<DarajaClient>.Instance);
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // One request per connection (answered with Connection: close), so a client's idle pooled connection never
            // holds the listener while the next client waits.
            using var socket = await _listener.AcceptTcpClientAsync(cancellationToken);
            await using var stream = socket.GetStream();
            if (await ReadRequestAsync(stream, cancellationToken) is { } request)
            {
                lock (_requests)
                {
                    _requests.Add(request);
                }

                var path = request.RequestLine.Split(' ')[1];
                var body = path switch
                {
                    _ when path.StartsWith("/oauth/", StringComparison.Ordinal) => """{"access_token":"wire-token","expires_in":"3599"}""",
                    "/mpesa/stkpush/v1/processrequest" => ScriptedDaraja.AcceptedBody,
                    "/mpesa/stkpushquery/v1/query" => """{"ResponseCode":"0","ResponseDescription":"ok","MerchantRequestID":"m","CheckoutRequestID":"ws_CO_wire","ResultCode":"1032","ResultDesc":"Request cancelled by user"}""",
                    _ => """{"OriginatorConversationID":"1236-7134259-1","ConversationID":"AG_20210709_1234409f86436c583e3f","ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}""",
                };
                var bytes = Encoding.UTF8.GetBytes(body);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head, cancellationToken);
                await stream.WriteAsync(bytes, cancellationToken);
            }
        }
    }

    /// <summary>Reads one request: the head up to the blank line, then exactly Content-Length bytes of body (or the chunks, to report them).</summary>
    private static async Task<RawRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = string.Empty;
        if (headers.TryGetValue("content-length", out var length))
        {
            var buffer = new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            body = Encoding.UTF8.GetString(buffer);
        }
        else if (headers.ContainsKey("transfer-encoding"))
        {
            body = await ReadChunksAsync(stream, cancellationToken);
        }

        return new RawRequest(lines[0], headers, body);
    }

    private static async Task<string> ReadChunksAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            line.Clear();
            while (!line.ToString().EndsWith("\r\n", StringComparison.Ordinal))
            {
                await stream.ReadExactlyAsync(one, cancellationToken);
                line.Append((char)one[0]);
            }

            var size = Convert.ToInt32(line.ToString().Trim(), 16);
            var chunk = new byte[size + 2];
            await stream.ReadExactlyAsync(chunk, cancellationToken);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(Encoding.UTF8.GetString(chunk, 0, size));
        }
    }
}
