using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shield.LoadHarness;

/// <summary>
/// A client app's webhook receivers, in the harness process: one Kestrel app on 127.0.0.1, one <see cref="WebhookInbox"/>
/// per path (<c>/hooks/{name}</c>), each registered as one Shield endpoint.
/// </summary>
internal sealed class WebhookReceivers : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, WebhookInbox> _inboxes;

    private WebhookReceivers(WebApplication app, ConcurrentDictionary<string, WebhookInbox> inboxes, Uri baseUrl)
    {
        _app = app;
        _inboxes = inboxes;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<WebhookReceivers> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var inboxes = new ConcurrentDictionary<string, WebhookInbox>(StringComparer.Ordinal);
        app.MapPost("/hooks/{name}", async (string name, HttpContext context) =>
        {
            if (!inboxes.TryGetValue(name, out var inbox))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await inbox.HandleAsync(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WebhookReceivers(app, inboxes, new Uri(address.TrimEnd('/')));
    }

    /// <summary>A new inbox at <c>/hooks/{name}</c>; its URL is what the endpoint is registered with.</summary>
    public WebhookInbox Open(string name)
    {
        var inbox = new WebhookInbox(name, new Uri(BaseUrl, $"/hooks/{name}"));
        return _inboxes.TryAdd(name, inbox) ? inbox : throw new InvalidOperationException($"Inbox {name} is already open.");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
