using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// Safaricom for the crash test, on Kestrel over loopback. Every push is recorded (phone, amount, AccountReference,
/// CallBackURL, time) and given a fate chosen from its number, so every 100 pushes hold the same mix: most are accepted
/// and answered by a callback a moment later (success with receipt, amount and phone; or 1032, 1037, 1), some twice,
/// some before the push's own HTTP answer, some never (only STK Push Query tells); a few hang past Shield's timeout
/// (the push went out, Shield cannot know), some of those followed by a success callback under a CheckoutRequestID
/// Shield never saw. Callbacks are posted once, like Safaricom's: one that fails (Shield is dead) is not retried.
/// </summary>
public sealed class CrashDaraja : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _callbacks;
    private readonly TimeSpan _hangFor;
    private readonly TimeSpan _lateAfterHang;
    private readonly Lock _gate = new();
    private readonly List<Push> _pushes = [];
    private readonly List<CallbackPost> _posts = [];
    private readonly List<Task> _scheduled = [];
    private readonly ConcurrentDictionary<string, KnownOutcome> _outcomes = new(StringComparer.Ordinal);
    private int _pushNumber;
    private int _pushesInFlight;
    private int _hangingInFlight;
    private int _queries;

    /// <param name="shieldTimeout">Shield's Mpesa:RequestTimeout: a hanging push is held longer than this.</param>
    public CrashDaraja(TimeSpan shieldTimeout)
    {
        _hangFor = shieldTimeout + TimeSpan.FromSeconds(5);
        _lateAfterHang = shieldTimeout + TimeSpan.FromMilliseconds(500);
        _callbacks = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/oauth/v1/generate", context =>
            FakeDaraja.Json(context, HttpStatusCode.OK, """{"access_token":"crashDarajaToken00000000000","expires_in":"3599"}"""));
        _app.MapPost("/mpesa/stkpush/v1/processrequest", PushAsync);
        _app.MapPost("/mpesa/stkpushquery/v1/query", QueryAsync);
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>What happens to a push.</summary>
    public enum Fate
    {
        /// <summary>Accepted; a success callback (receipt, amount, phone) a moment later.</summary>
        Paid,

        /// <summary>Accepted; the customer pays, but no callback is ever sent: only STK Push Query tells.</summary>
        PaidCallbackLost,
        Cancelled,
        Unreachable,
        InsufficientFunds,

        /// <summary>No answer until Shield gives up; the customer pays, and a callback comes while Shield still waits.</summary>
        HangPaidDuringWait,

        /// <summary>No answer until Shield gives up; the customer pays, and a callback comes after Shield gave up.</summary>
        HangPaidAfterWait,

        /// <summary>No answer until Shield gives up, and nothing else ever.</summary>
        HangSilent,
    }

    public Uri Url { get; }

    public int PushesInFlight => Volatile.Read(ref _pushesInFlight);

    public int HangingInFlight => Volatile.Read(ref _hangingInFlight);

    public int Queries => Volatile.Read(ref _queries);

    public IReadOnlyList<Push> Pushes
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushes];
            }
        }
    }

    public IReadOnlyList<CallbackPost> Posts
    {
        get
        {
            lock (_gate)
            {
                return [.. _posts];
            }
        }
    }

    /// <summary>The fate of push number <paramref name="number"/>: 7919 is prime to 100, so each 100 pushes hold every roll once.</summary>
    public static (Fate Fate, bool Early, bool Twice, int DelayMs) Plan(int number)
    {
        var roll = (int)((long)number * 7919 % 100);
        var fate = roll switch
        {
            < 2 => Fate.HangPaidDuringWait,
            < 3 => Fate.HangPaidAfterWait,
            < 4 => Fate.HangSilent,
            < 10 => Fate.PaidCallbackLost,
            < 16 => Fate.Cancelled,
            < 21 => Fate.Unreachable,
            < 25 => Fate.InsufficientFunds,
            _ => Fate.Paid,
        };
        return (fate, Early: roll % 10 == 3, Twice: roll % 8 == 1, DelayMs: 100 + (roll * 37 % 500));
    }

    /// <summary>Waits (bounded) until every callback scheduled so far has been posted.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        Task[] scheduled;
        lock (_gate)
        {
            scheduled = [.. _scheduled];
        }

        await Task.WhenAll(scheduled).WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _callbacks.Dispose();
    }

    private async Task PushAsync(HttpContext context)
    {
        Interlocked.Increment(ref _pushesInFlight);
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            using var body = JsonDocument.Parse(await reader.ReadToEndAsync());
            var number = Interlocked.Increment(ref _pushNumber);
            var (fate, early, twice, delayMs) = Plan(number);
            var phone = body.RootElement.GetProperty("PhoneNumber").GetString()!;
            var amount = body.RootElement.GetProperty("Amount").GetInt32();
            var push = new Push(number, phone, amount, body.RootElement.GetProperty("AccountReference").GetString()!,
                new Uri(body.RootElement.GetProperty("CallBackURL").GetString()!), DateTimeOffset.UtcNow, fate);
            lock (_gate)
            {
                _pushes.Add(push);
            }

            if (fate is Fate.HangPaidDuringWait or Fate.HangPaidAfterWait or Fate.HangSilent)
            {
                await HangAsync(context, push);
                return;
            }

            var checkoutRequestId = $"ws_CO_KILL{number:D8}";
            var (code, description, callback) = fate switch
            {
                Fate.Cancelled => (1032, "Request cancelled by user", StkCallbacks.Failure(checkoutRequestId, 1032, "Request cancelled by user")),
                Fate.Unreachable => (1037, "No response from user.", StkCallbacks.Failure(checkoutRequestId, 1037, "No response from user.")),
                Fate.InsufficientFunds => (1, "The balance is insufficient for the transaction.",
                    StkCallbacks.Failure(checkoutRequestId, 1, "The balance is insufficient for the transaction.")),
                _ => (0, "The service request is processed successfully.", StkCallbacks.Success(checkoutRequestId, amount, $"KL{number:D8}", phone)),
            };
            var delay = early ? TimeSpan.Zero : TimeSpan.FromMilliseconds(delayMs);
            _outcomes[checkoutRequestId] = new KnownOutcome(code, description, DateTimeOffset.UtcNow + delay);
            if (fate != Fate.PaidCallbackLost)
            {
                var copies = twice ? 2 : 1;
                if (early)
                {
                    await PostAsync(push, callback, copies, early: true); // the callback beats the push's own answer
                }
                else
                {
                    Schedule(delay, () => PostAsync(push, callback, copies, early: false));
                }
            }

            await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted(checkoutRequestId));
        }
        finally
        {
            Interlocked.Decrement(ref _pushesInFlight);
        }
    }

    private async Task HangAsync(HttpContext context, Push push)
    {
        // The customer has the prompt; Shield waits for an answer that comes too late for it.
        var checkoutRequestId = $"ws_CO_KILLH{push.Number:D7}";
        var callback = StkCallbacks.Success(checkoutRequestId, push.Amount, $"KH{push.Number:D8}", push.Phone);
        if (push.Fate == Fate.HangPaidDuringWait)
        {
            _outcomes[checkoutRequestId] = new KnownOutcome(0, "The service request is processed successfully.", DateTimeOffset.UtcNow);
            Schedule(TimeSpan.FromMilliseconds(300), () => PostAsync(push, callback, 1, early: false));
        }
        else if (push.Fate == Fate.HangPaidAfterWait)
        {
            _outcomes[checkoutRequestId] = new KnownOutcome(0, "The service request is processed successfully.", DateTimeOffset.UtcNow + _lateAfterHang);
            Schedule(_lateAfterHang, () => PostAsync(push, callback, 1, early: false));
        }

        Interlocked.Increment(ref _hangingInFlight);
        try
        {
            await Task.Delay(_hangFor, context.RequestAborted);
            context.Abort(); // never answered
        }
        catch (OperationCanceledException)
        {
            // Shield gave up (or died)
        }
        finally
        {
            Interlocked.Decrement(ref _hangingInFlight);
        }
    }

    private async Task QueryAsync(HttpContext context)
    {
        Interlocked.Increment(ref _queries);
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        using var body = JsonDocument.Parse(await reader.ReadToEndAsync());
        var checkoutRequestId = body.RootElement.GetProperty("CheckoutRequestID").GetString()!;
        if (_outcomes.TryGetValue(checkoutRequestId, out var known) && known.From <= DateTimeOffset.UtcNow)
        {
            await FakeDaraja.Json(context, HttpStatusCode.OK,
                "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"The service request has been accepted successsfully\",\"MerchantRequestID\":\"2654-4b64-97ff-b827b542881d3130\",\"CheckoutRequestID\":\""
                + checkoutRequestId + "\",\"ResultCode\":\"" + known.ResultCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + "\",\"ResultDesc\":\"" + known.ResultDescription + "\"}");
            return;
        }

        await FakeDaraja.Json(context, HttpStatusCode.OK,
            """{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","ResultCode":"4999","ResultDesc":"The transaction is still under processing"}""");
    }

    private void Schedule(TimeSpan delay, Func<Task> post)
    {
        var task = Task.Run(async () =>
        {
            await Task.Delay(delay);
            await post();
        });
        lock (_gate)
        {
            _scheduled.Add(task);
        }
    }

    private async Task PostAsync(Push push, string body, int copies, bool early)
    {
        await Task.WhenAll(Enumerable.Range(0, copies).Select(async _ =>
        {
            var started = Stopwatch.GetTimestamp();
            int? status = null;
            string? failure = null;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _callbacks.PostAsync(push.CallbackUrl, content);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException exception)
            {
                failure = exception.HttpRequestError.ToString(); // Shield is dead: Safaricom does not retry
            }
            catch (TaskCanceledException)
            {
                failure = "timeout";
            }

            lock (_gate)
            {
                _posts.Add(new CallbackPost(push, body, early, status, failure, Stopwatch.GetElapsedTime(started)));
            }
        }));
    }

    /// <summary>One push as Daraja received it.</summary>
    public sealed record Push(int Number, string Phone, int Amount, string AccountReference, Uri CallbackUrl, DateTimeOffset At, Fate Fate)
    {
        public bool Hung => Fate is Fate.HangPaidDuringWait or Fate.HangPaidAfterWait or Fate.HangSilent;

        /// <summary>The customer paid this push.</summary>
        public bool Paid => Fate is Fate.Paid or Fate.PaidCallbackLost or Fate.HangPaidDuringWait or Fate.HangPaidAfterWait;
    }

    /// <summary>One callback delivery: <see cref="Acknowledged"/> when Shield answered 200.</summary>
    public sealed record CallbackPost(Push Push, string Body, bool Early, int? Status, string? Failure, TimeSpan Took)
    {
        public bool Acknowledged => Status == (int)HttpStatusCode.OK;

        public bool Success => Body.Contains("\"ResultCode\":0,", StringComparison.Ordinal);
    }

    private sealed record KnownOutcome(int ResultCode, string ResultDescription, DateTimeOffset From);
}
