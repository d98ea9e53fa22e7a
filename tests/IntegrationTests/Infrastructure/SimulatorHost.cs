using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shield.DarajaSimulator;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// The Daraja simulator alone on Kestrel over loopback (as a client of Daraja meets it), with a chosen strictness, and
/// a client that talks to it as a Daraja library would: HTTP Basic for the token, then bearer-authenticated JSON.
/// The callback delay is an hour, so nothing is posted back while a test looks at the synchronous answers.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string ConsumerKey = "strictness-key";
    public const string ConsumerSecret = "strictness-secret";
    public const string ShortCode = "174379";
    public const string Passkey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
    public const string InitiatorPassword = "Safaricom999!*!";

    private static readonly TimeSpan EastAfricaTime = TimeSpan.FromHours(3);

    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private SimulatorHost(WebApplication app, Uri baseUrl, LogCapture logs)
    {
        _app = app;
        Logs = logs;
        _client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public DarajaSimulatorJournal Journal => _app.Services.GetRequiredService<DarajaSimulatorJournal>();

    public LogCapture Logs { get; }

    public static async Task<SimulatorHost> StartAsync(DarajaSimulatorStrictness strictness)
    {
        var logs = new LogCapture();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDarajaSimulator(o =>
        {
            o.CallbackDelay = TimeSpan.FromHours(1);
            o.ConsumerKey = ConsumerKey;
            o.ConsumerSecret = ConsumerSecret;
            o.Strictness = strictness;
        });
        var app = builder.Build();
        app.MapDarajaSimulator("/daraja");
        await app.StartAsync();
        return new SimulatorHost(app, new Uri(app.Urls.First().TrimEnd('/') + "/daraja/"), logs);
    }

    /// <summary>The current time as Daraja documents it (East Africa Time, yyyyMMddHHmmss).</summary>
    public static string EastAfricaTimestamp() => Timestamp(DateTimeOffset.UtcNow.ToOffset(EastAfricaTime));

    /// <summary>The current time in UTC, as Safaricom's own Node library and most npm libraries send it.</summary>
    public static string UtcTimestamp() => Timestamp(DateTimeOffset.UtcNow);

    public static string Timestamp(DateTimeOffset instant) => instant.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>A documented STK Push body (everything within the documentation) with the given overrides.</summary>
    public static Dictionary<string, object?> StkPush(string? timestamp = null, string accountReference = "INV-1001", string transactionDesc = "Shield order", string phone = "254708374149")
    {
        timestamp ??= EastAfricaTimestamp();
        return new Dictionary<string, object?>
        {
            ["BusinessShortCode"] = ShortCode,
            ["Password"] = Password(timestamp),
            ["Timestamp"] = timestamp,
            ["TransactionType"] = "CustomerPayBillOnline",
            ["Amount"] = 1,
            ["PartyA"] = phone,
            ["PartyB"] = ShortCode,
            ["PhoneNumber"] = phone,
            ["CallBackURL"] = "http://127.0.0.1:9/callback",
            ["AccountReference"] = accountReference,
            ["TransactionDesc"] = transactionDesc,
        };
    }

    public static Dictionary<string, object?> StkQuery(string checkoutRequestId, string? timestamp = null)
    {
        timestamp ??= EastAfricaTimestamp();
        return new Dictionary<string, object?>
        {
            ["BusinessShortCode"] = ShortCode,
            ["Password"] = Password(timestamp),
            ["Timestamp"] = timestamp,
            ["CheckoutRequestID"] = checkoutRequestId,
        };
    }

    /// <summary>A documented Transaction Status body, its SecurityCredential encrypted for this simulator's certificate.</summary>
    public Dictionary<string, object?> TransactionStatus(string identifierType = "4") => new()
    {
        ["Initiator"] = "testapi",
        ["SecurityCredential"] = SecurityCredential(_app.Services.GetRequiredService<DarajaSimulatorCertificate>().ExportCertificatePem()),
        ["CommandID"] = "TransactionStatusQuery",
        ["TransactionID"] = "NEF61H8J60",
        ["PartyA"] = ShortCode,
        ["IdentifierType"] = identifierType,
        ["ResultURL"] = "http://127.0.0.1:9/result",
        ["QueueTimeOutURL"] = "http://127.0.0.1:9/timeout",
        ["Remarks"] = "OK",
        ["Occasion"] = "OK",
    };

    public static string Password(string timestamp) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(ShortCode + Passkey + timestamp));

    /// <summary>base64(RSA PKCS#1 v1.5 of the initiator password), as Daraja specifies (REFERENCE.md §5.4).</summary>
    public static string SecurityCredential(string certificatePem, string password = InitiatorPassword)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var rsa = certificate.GetRSAPublicKey()!;
        return Convert.ToBase64String(rsa.Encrypt(Encoding.UTF8.GetBytes(password), RSAEncryptionPadding.Pkcs1));
    }

    /// <summary>Gets a token, then posts <paramref name="body"/> as JSON with it; returns the status and the parsed answer.</summary>
    public Task<(int Status, JsonElement Body)> PostAsync(string path, object body) =>
        PostAsync(_client, ConsumerKey, ConsumerSecret, path, body);

    /// <summary>
    /// As a Daraja library does: a token with HTTP Basic from the simulator at <paramref name="http"/>'s base address,
    /// then <paramref name="body"/> posted as JSON with it. Returns the status and the parsed answer.
    /// </summary>
    public static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient http, string consumerKey, string consumerSecret, string path, object body)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, consumerKey, consumerSecret));
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<string> TokenAsync(HttpClient http, string consumerKey, string consumerSecret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("oauth/v1/generate?grant_type=client_credentials", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{consumerKey}:{consumerSecret}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
