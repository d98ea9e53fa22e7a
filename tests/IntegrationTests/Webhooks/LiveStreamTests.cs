using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Webhooks;

/// <summary>GET /api/v1/payments/{id}/events as Server-Sent Events: the events so far, then each new one; the stream ends on the outcome.</summary>
public sealed class LiveStreamTests
{
    [Fact]
    public async Task Stream_SendsEachEventAsItIsCommitted_AndEndsOnceThePaymentHasItsOutcome()
    {
        await using var app = new ShieldApp(WebhookTests.Settings(("Simulator:CallbackDelay", "00:00:01")));
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next());

        var started = DateTimeOffset.UtcNow;
        var events = await ReadStreamAsync(client, created.Id);

        Assert.Equal(["payment.created", "payment.completed"], events.Select(e => e.Event));
        Assert.All(events, e => Assert.Equal(e.Id, JsonDocument.Parse(e.Data).RootElement.GetProperty("id").GetString()));
        Assert.Equal("Completed", JsonDocument.Parse(events[1].Data).RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(15), "the stream ended on the outcome, not on its timeout");
    }

    [Fact]
    public async Task Stream_WithLastEventId_ResumesAfterThatEvent()
    {
        await using var app = new ShieldApp(WebhookTests.Settings());
        using var client = app.Client();
        var payment = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next())).Id);
        var all = await ReadStreamAsync(client, payment.Id);

        var resumed = await ReadStreamAsync(client, payment.Id, lastEventId: all[0].Id);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/payments/{payment.Id}/events");
        request.Headers.Add("Last-Event-ID", all[1].Id);
        using var afterTheLast = await client.SendAsync(request);

        Assert.Equal([all[1].Id], resumed.Select(e => e.Id));
        Assert.Equal(HttpStatusCode.NoContent, afterTheLast.StatusCode); // nothing more will come: an EventSource stops reconnecting
    }

    [Fact]
    public async Task Stream_StillPending_EndsAtItsTimeout()
    {
        await using var app = new ShieldApp(WebhookTests.Settings(("Simulator:CallbackDelay", "01:00:00")));
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next());

        var started = DateTimeOffset.UtcNow;
        var events = await ReadStreamAsync(client, created.Id, timeout: 1);

        Assert.Equal(["payment.created"], events.Select(e => e.Event));
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Stream_AnotherClientsPaymentOrABadTimeout_IsAProblem()
    {
        await using var app = new ShieldApp(WebhookTests.Settings());
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next());
        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", "other-client-key");

        using var notTheirs = await other.GetAsync(new Uri($"api/v1/payments/{created.Id}/events", UriKind.Relative));
        using var tooLong = await client.GetAsync(new Uri($"api/v1/payments/{created.Id}/events?timeout=601", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    private static async Task<List<(string Id, string Event, string Data)>> ReadStreamAsync(HttpClient client, Guid paymentId, string? lastEventId = null, int? timeout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/payments/{paymentId}/events{(timeout is null ? "" : $"?timeout={timeout}")}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string, string, string)>();
        string? id = null, type = null, data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (id is not null && type is not null && data is not null)
                {
                    events.Add((id, type, data));
                }

                (id, type, data) = (null, null, null);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return events;
    }
}
