using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.TransactionStatus;

namespace Shield.DarajaSimulator.Callbacks;

/// <summary>
/// Posts STK callbacks and Transaction Status results when they fall due. Each waits on its own (through the
/// <see cref="TimeProvider"/>), so a slow receiver does not hold up the others. One try per delivery, no retry:
/// Safaricom does not retry.
/// </summary>
internal sealed class CallbackDispatcher : BackgroundService
{
    /// <summary>Registered with <c>RemoveAllLoggers()</c>: callback and result URLs hold a secret path segment.</summary>
    public const string HttpClientName = "Shield.DarajaSimulator.Callbacks";

    public static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What Safaricom sends with an STK callback (observed, REFERENCE.md §3.1).</summary>
    private const string ContentType = "application/json;charset=UTF-8";

    /// <summary>What the simulator sends with a Transaction Status result or timeout.</summary>
    private const string ResultContentType = "application/json";

    private readonly CallbackQueue _queue;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly DarajaSimulatorJournal _journal;
    private readonly ILogger<CallbackDispatcher> _logger;
    private readonly string _businessShortCode;
    private readonly Lock _inFlightGate = new();
    private readonly HashSet<Task> _inFlight = [];

    public CallbackDispatcher(
        CallbackQueue queue,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        DarajaSimulatorJournal journal,
        IOptions<DarajaSimulatorOptions> options,
        ILogger<CallbackDispatcher> logger)
    {
        _queue = queue;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _journal = journal;
        _logger = logger;
        _businessShortCode = options.Value.BusinessShortCode;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var post in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                Track(post switch
                {
                    ScheduledCallback callback => DeliverAsync(callback, stoppingToken),
                    ScheduledResult result => DeliverAsync(result, stoppingToken),
                    _ => Task.CompletedTask,
                });
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host is stopping; pending deliveries observe the same token.
        }

        Task[] remaining;
        lock (_inFlightGate)
        {
            remaining = [.. _inFlight];
        }

        await Task.WhenAll(remaining);
    }

    private void Track(Task delivery)
    {
        lock (_inFlightGate)
        {
            _inFlight.Add(delivery);
        }

        _ = delivery.ContinueWith(
            finished =>
            {
                lock (_inFlightGate)
                {
                    _inFlight.Remove(finished);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Never throws: every failure is logged (without the URL).</summary>
    private async Task DeliverAsync(ScheduledCallback callback, CancellationToken stoppingToken)
    {
        var push = callback.Push;
        try
        {
            await WaitUntilDueAsync(callback, stoppingToken);
            var payload = CallbackPayloadFactory.Create(push);
            for (var delivery = 1; delivery <= push.Scenario.CallbackDeliveries; delivery++)
            {
                await PostAsync(push, payload, delivery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.CallbackAbandoned(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId);
        }
#pragma warning disable CA1031 // A background delivery must never fault the dispatcher; the failure is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.CallbackFailed(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, 0, exception.GetType().Name);
        }
    }

    /// <summary>Never throws: every failure is logged (by ConversationID, never the URL). Recorded in the journal just before it is posted.</summary>
    private async Task DeliverAsync(ScheduledResult result, CancellationToken stoppingToken)
    {
        try
        {
            await WaitUntilDueAsync(result, stoppingToken);
            if (result.IsReversal)
            {
                _journal.RecordReversalResult(result.Body);
            }
            else
            {
                _journal.RecordTransactionStatusResult(result.Body);
            }

            await PostAsync(result, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.TransactionStatusResultAbandoned(_logger, result.ConversationId, result.Outcome);
        }
#pragma warning disable CA1031 // A background delivery must never fault the dispatcher; the failure is logged.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.TransactionStatusResultFailed(_logger, result.ConversationId, result.Outcome, exception.GetType().Name);
        }
    }

    private async Task WaitUntilDueAsync(ScheduledPost post, CancellationToken stoppingToken)
    {
        var wait = post.DueAt - _timeProvider.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _timeProvider, stoppingToken);
        }
    }

    private async Task PostAsync(SimulatedPush push, byte[] payload, int delivery, CancellationToken stoppingToken)
    {
        using var content = new ByteArrayContent(payload);

        // Set raw so it goes on the wire exactly as Safaricom sends it (no space after the semicolon).
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, push.CallbackUrl) { Content = content };
        request.Headers.TryAddWithoutValidation("Businessshortcode", _businessShortCode);

        var client = _httpClientFactory.CreateClient(HttpClientName);
        var started = _timeProvider.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                Log.CallbackDelivered(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, delivery, (int)response.StatusCode, elapsedMs);
            }
            else
            {
                Log.CallbackRefused(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, delivery, (int)response.StatusCode, elapsedMs);
            }
        }
        catch (HttpRequestException exception)
        {
            // The exception's message may name the host; log only its category.
            Log.CallbackFailed(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, delivery, exception.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Log.CallbackFailed(_logger, push.LoggedCheckoutRequestId, push.MerchantRequestId, delivery, "Timeout");
        }
    }

    private async Task PostAsync(ScheduledResult result, CancellationToken stoppingToken)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(result.Body));
        content.Headers.TryAddWithoutValidation("Content-Type", ResultContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, result.Url) { Content = content };

        var client = _httpClientFactory.CreateClient(HttpClientName);
        var started = _timeProvider.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            var elapsedMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                Log.TransactionStatusResultDelivered(_logger, result.ConversationId, result.Outcome, (int)response.StatusCode, elapsedMs);
            }
            else
            {
                Log.TransactionStatusResultRefused(_logger, result.ConversationId, result.Outcome, (int)response.StatusCode, elapsedMs);
            }
        }
        catch (HttpRequestException exception)
        {
            // The exception's message may name the host; log only its category.
            Log.TransactionStatusResultFailed(_logger, result.ConversationId, result.Outcome, exception.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Log.TransactionStatusResultFailed(_logger, result.ConversationId, result.Outcome, "Timeout");
        }
    }
}
