using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Shield.IntegrationTests.Webhooks;

/// <summary>
/// A client app's webhook receiver on loopback: it records every POST (headers and exact body), checks each signature
/// with the independent StandardWebhooks package against the secrets it was given, and answers what the test scripts
/// (200 by default).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpResponse, Task>> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The secrets a delivery may be signed with (the endpoint's, once created): each is tried.</summary>
    public List<string> Secrets { get; } = [];

    public Uri Url => new($"{_app.Urls.First()}/hook");

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        app.MapPost("/elsewhere", (HttpContext context) =>
        {
            receiver.Received.Enqueue(new ReceivedWebhook("elsewhere", "", "", "", [], DateTimeOffset.UtcNow));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next answers, in order (after them, 200).</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue(response =>
            {
                response.StatusCode = status;
                if (status is >= 300 and < 400)
                {
                    response.Headers.Location = new Uri(Url, "/elsewhere").ToString();
                }

                return response.WriteAsync(status >= 400 ? new string('x', 3000) : string.Empty);
            });
        }
    }

    public IReadOnlyList<ReceivedWebhook> Of(string eventId) => [.. Received.Where(r => r.Id == eventId)];

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, int seconds = 20)
    {
        for (var i = 0; i < seconds * 20; i++)
        {
            var now = Received.ToList();
            if (done(now))
            {
                return now;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The receiver did not get what the test waited for; it has {Received.Count} deliveries.");
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        // Each signature is checked on its own: StandardWebhooks 1.1.2 never checks the last of several in one header.
        var verifiedWith = Secrets.Where(secret => headers["webhook-signature"].ToString().Split(' ').Any(signature => Verifies(secret, body, new HeaderDictionary
        {
            ["webhook-id"] = headers["webhook-id"],
            ["webhook-timestamp"] = headers["webhook-timestamp"],
            ["webhook-signature"] = signature,
        }))).ToList();
        Received.Enqueue(new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
            body, verifiedWith, DateTimeOffset.UtcNow));
        if (_answers.TryDequeue(out var answer))
        {
            await answer(context.Response);
        }
        else
        {
            context.Response.StatusCode = (int)HttpStatusCode.OK;
        }
    }

    private static bool Verifies(string secret, string body, IHeaderDictionary headers)
    {
        try
        {
            new StandardWebhook(secret).Verify(body, headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One POST as the receiver got it, and which of its secrets verified it.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, IReadOnlyList<string> VerifiedWith, DateTimeOffset At);
