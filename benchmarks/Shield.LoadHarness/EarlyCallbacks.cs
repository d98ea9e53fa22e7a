using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Shield.LoadHarness;

/// <summary>
/// In front of the simulator's STK Push endpoint: for a phone chosen as "early", the simulator's answer is held back
/// while the success callback for it is posted to the push's CallBackURL (nginx, so any instance), and released only
/// once that callback was answered. So the callback is certainly in before Shield has the push's answer, let alone
/// recorded it (the race EarlyCallbackTests plays once, here under load and across instances). Early phones end in
/// 0000, which the simulator never calls back itself.
/// </summary>
internal sealed class EarlyCallbacks(Func<string, bool> isEarly) : IDisposable
{
    private const string PushPath = "/mpesa/stkpush/v1/processrequest";

    /// <summary>
    /// The early callbacks come from this loopback address (the simulator's own from 127.0.0.1): nginx passes it on in
    /// X-Forwarded-For, and Shield, which believes nginx (ForwardedHeaders:KnownProxies=127.0.0.1), stores it as the
    /// callback's source.
    /// </summary>
    public static readonly IPAddress Source = IPAddress.Parse("127.0.0.2");

    private readonly HttpClient _http = new(new SocketsHttpHandler { ConnectCallback = ConnectFromSourceAsync }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, int> _answers = new(StringComparer.Ordinal);
    private int _posted;

    /// <summary>Early callbacks posted.</summary>
    public int Posted => Volatile.Read(ref _posted);

    /// <summary>Each early phone's callback status (the last one if it was posted more than once), 0 when it failed to send.</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Value?.EndsWith(PushPath, StringComparison.Ordinal) != true)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, false, 4096, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        context.Request.Body.Position = 0;
        if (!TryReadPush(body, out var phone, out var callbackUrl) || !isEarly(phone))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (TryReadAccepted(held.ToArray(), out var merchantRequestId, out var checkoutRequestId))
        {
            Interlocked.Increment(ref _posted);
            var receipt = "EC" + phone[^8..];
            using var content = new ByteArrayContent(Requests.SuccessCallbackBody(merchantRequestId, checkoutRequestId, phone, receipt));
            content.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=UTF-8");
            var status = 0;
            var clock = Stopwatch.StartNew();
            while (status != 200 && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                try
                {
                    using var answer = await _http.PostAsync(callbackUrl, content);
                    status = (int)answer.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                }

                if (status != 200)
                {
                    await Task.Delay(200); // Safaricom does not retry; the harness does, so an early callback is not simply lost at a kill
                }
            }

            _answers[phone] = status;
        }

        held.Position = 0;
        await held.CopyToAsync(original);
    }

    public void Dispose() => _http.Dispose();

    private static async ValueTask<Stream> ConnectFromSourceAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(Source, 0));
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool TryReadPush(string body, out string phone, out Uri callbackUrl)
    {
        (phone, callbackUrl) = ("", null!);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            phone = Text(root.GetProperty("PhoneNumber"));
            return Uri.TryCreate(root.GetProperty("CallBackURL").GetString(), UriKind.Absolute, out callbackUrl!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryReadAccepted(byte[] answer, out string merchantRequestId, out string checkoutRequestId)
    {
        (merchantRequestId, checkoutRequestId) = ("", "");
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.TryGetProperty("ResponseCode", out var code) && Text(code) == "0")
            {
                merchantRequestId = root.GetProperty("MerchantRequestID").GetString() ?? "";
                checkoutRequestId = root.GetProperty("CheckoutRequestID").GetString() ?? "";
                return checkoutRequestId.Length > 0;
            }

            return false;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>A JSON string or number as text (Daraja fields come either way).</summary>
    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString() ?? "";

    /// <summary>The phone an STK Push request body names, or null.</summary>
    public static string? PushPhone(string? body)
    {
        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("PhoneNumber", out var phone) ? Text(phone) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Pushes the simulator received, per phone.</summary>
    public static Dictionary<string, int> PushesPerPhone(IEnumerable<Shield.DarajaSimulator.SimulatedRequest> requests) =>
        requests.Where(r => r.Path.EndsWith(PushPath, StringComparison.Ordinal))
            .Select(r => PushPhone(r.Body) ?? "?")
            .GroupBy(p => p, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
