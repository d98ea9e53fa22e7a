using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// A scriptable Daraja on Kestrel over loopback, for faults the simulator does not play: each endpoint's answer is a
/// function the test sets (by default: a token, an accepted push, a "still processing" query).
/// </summary>
public sealed class FakeDaraja : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _pushes;
    private int _queries;
    private int _tokens;
    private int _reversals;
    private int _statusQueries;

    public FakeDaraja()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/oauth/v1/generate", context =>
        {
            Interlocked.Increment(ref _tokens);
            return Token(context);
        });
        _app.MapPost("/mpesa/stkpush/v1/processrequest", async context =>
        {
            var number = Interlocked.Increment(ref _pushes);
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            await Push(context, number, await reader.ReadToEndAsync());
        });
        _app.MapPost("/mpesa/stkpushquery/v1/query", context =>
        {
            Interlocked.Increment(ref _queries);
            return Query(context);
        });
        _app.MapPost("/mpesa/reversal/v1/request", async context =>
        {
            var number = Interlocked.Increment(ref _reversals);
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            await Reversal(context, number, await reader.ReadToEndAsync());
        });
        _app.MapPost("/mpesa/transactionstatus/v1/query", async context =>
        {
            Interlocked.Increment(ref _statusQueries);
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            await TransactionStatus(context, await reader.ReadToEndAsync());
        });
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address);
    }

    public Uri Url { get; }

    public int Tokens => Volatile.Read(ref _tokens);

    public int Pushes => Volatile.Read(ref _pushes);

    public int Queries => Volatile.Read(ref _queries);

    /// <summary>Reversal requests received (a refund is sent once, whatever happens).</summary>
    public int Reversals => Volatile.Read(ref _reversals);

    /// <summary>Transaction Status queries received.</summary>
    public int StatusQueries => Volatile.Read(ref _statusQueries);

    /// <summary>The reversal handler: the request's number (1, 2, ...) and its raw body. By default: acknowledged, no result ever sent.</summary>
    public Func<HttpContext, int, string, Task> Reversal { get; set; } = (context, number, _) =>
        Json(context, HttpStatusCode.OK, ReversalAccepted($"AG_20261201_FAKE{number:D6}", $"fake-{number:D6}"));

    /// <summary>The Transaction Status handler and the raw body. By default: acknowledged, no result ever sent.</summary>
    public Func<HttpContext, string, Task> TransactionStatus { get; set; } = (context, _) =>
        Json(context, HttpStatusCode.OK, ReversalAccepted("AG_20261201_FAKESTATUS", "fake-status"));

    public static string ReversalAccepted(string conversationId, string originatorConversationId) =>
        "{\"OriginatorConversationID\":\"" + originatorConversationId + "\",\"ConversationID\":\"" + conversationId
        + "\",\"ResponseCode\":\"0\",\"ResponseDescription\":\"Accept the service request successfully.\"}";

    public Func<HttpContext, Task> Token { get; set; } = context =>
        Json(context, HttpStatusCode.OK, """{"access_token":"fakeDarajaToken000000000000","expires_in":"3599"}""");

    /// <summary>The push handler: the push's number (1, 2, ...) and its raw body.</summary>
    public Func<HttpContext, int, string, Task> Push { get; set; } = (context, number, _) =>
        Json(context, HttpStatusCode.OK, Accepted($"ws_CO_FAKE_{number:D6}"));

    public Func<HttpContext, Task> Query { get; set; } = context =>
        Json(context, HttpStatusCode.OK, """{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","ResultCode":"4999","ResultDesc":"The transaction is still under processing"}""");

    public static string Accepted(string checkoutRequestId) =>
        "{\"MerchantRequestID\":\"2654-4b64-97ff-b827b542881d3130\",\"CheckoutRequestID\":\"" + checkoutRequestId
        + "\",\"ResponseCode\":\"0\",\"ResponseDescription\":\"Success. Request accepted for processing\",\"CustomerMessage\":\"Success. Request accepted for processing\"}";

    public static async Task Json(HttpContext context, HttpStatusCode status, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public static async Task Html(HttpContext context, HttpStatusCode status)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><body><h1>Apigee SPA Proxy</h1></body></html>");
    }

    public static Task Empty(HttpContext context, HttpStatusCode status)
    {
        context.Response.StatusCode = (int)status;
        return Task.CompletedTask;
    }

    /// <summary>Never answers (until the caller gives up): a Daraja that hangs.</summary>
    public static Task Hang(HttpContext context) =>
        Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Drops the connection without an answer (a reset, as a crashing gateway does).</summary>
    public static Task Reset(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
