using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Shield.LoadHarness;

/// <summary>
/// One receiver, as a client app writes it: it reads the exact body, checks the signature with the independent
/// StandardWebhooks package (each space-separated signature on its own: 1.1.2 checks only the first of several), and
/// records the event when it accepts it. While <see cref="Down"/> it answers 503 (no Retry-After) and records nothing;
/// with an <see cref="AnswerDelay"/> it answers that much later (a receiver doing work before its 200).
/// </summary>
internal sealed class WebhookInbox(string name, Uri url)
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedWebhook> _received = [];
    private volatile bool _down;
    private int _refused;
    private int _badSignatures;
    private int _malformed;

    public string Name { get; } = name;

    /// <summary>What the endpoint is registered with.</summary>
    public Uri Url { get; } = url;

    /// <summary>The endpoint's secret, from Shield's 201 answer.</summary>
    public string? Secret { get; set; }

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public TimeSpan AnswerDelay { get; set; }

    /// <summary>POSTs answered 503 while down.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>POSTs (accepted or refused) whose signature did not verify with the endpoint's secret.</summary>
    public int BadSignatures => Volatile.Read(ref _badSignatures);

    /// <summary>POSTs whose body was not an envelope, or whose webhook-id was not the envelope's id.</summary>
    public int Malformed => Volatile.Read(ref _malformed);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _received.Count;
            }
        }
    }

    /// <summary>Every accepted POST so far, in the order their bodies were read.</summary>
    public IReadOnlyList<ReceivedWebhook> Snapshot()
    {
        lock (_gate)
        {
            return [.. _received];
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds, polling every 20 ms; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitUntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done(Snapshot()))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    internal async Task HandleAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        var arrived = Stopwatch.GetTimestamp();
        var arrivedAt = DateTimeOffset.UtcNow;
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var verified = Verifies(body, headers);
        if (!verified)
        {
            Interlocked.Increment(ref _badSignatures);
        }

        if (_down)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (!TryRead(body, out var type, out var timestamp, out var paymentId, out var status, out var bodyId) || bodyId != id)
        {
            Interlocked.Increment(ref _malformed);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        lock (_gate)
        {
            _received.Add(new ReceivedWebhook(id, type, paymentId, status, timestamp, arrived, arrivedAt, verified));
        }

        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private bool Verifies(string body, IHeaderDictionary headers)
    {
        if (Secret is not { } secret)
        {
            return false;
        }

        var webhook = new StandardWebhook(secret);
        foreach (var signature in headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                webhook.Verify(body, new HeaderDictionary
                {
                    ["webhook-id"] = headers["webhook-id"],
                    ["webhook-timestamp"] = headers["webhook-timestamp"],
                    ["webhook-signature"] = signature,
                });
                return true;
            }
            catch (WebhookVerificationException)
            {
                // this signature is not ours: try the next one
            }
        }

        return false;
    }

    /// <summary>Reads the envelope <c>{ id, type, timestamp, data }</c>, <c>data</c> the payment.</summary>
    private static bool TryRead(string body, out string type, out DateTimeOffset timestamp, out Guid paymentId, out string? status, out string id)
    {
        (type, timestamp, paymentId, status, id) = ("", default, default, null, "");
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            id = root.GetProperty("id").GetString() ?? "";
            type = root.GetProperty("type").GetString() ?? "";
            timestamp = root.GetProperty("timestamp").GetDateTimeOffset();
            var data = root.GetProperty("data");
            paymentId = data.GetProperty("id").GetGuid();
            status = data.TryGetProperty("status", out var s) ? s.GetString() : null;
            return type.Length > 0 && id.Length > 0;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
