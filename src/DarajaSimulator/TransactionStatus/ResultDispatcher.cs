using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shield.DarajaSimulator.Callbacks;

namespace Shield.DarajaSimulator.TransactionStatus;

/// <summary>Posts Transaction Status results (or queue timeouts) when they are due, once each, like Daraja.</summary>
internal sealed partial class ResultDispatcher(
    IHttpClientFactory httpClientFactory,
    TimeProvider timeProvider,
    DarajaSimulatorJournal journal,
    ILogger<ResultDispatcher> logger) : BackgroundService
{
    private readonly Channel<ScheduledResult> _queue = Channel.CreateUnbounded<ScheduledResult>();

    public bool Enqueue(ScheduledResult result) => _queue.Writer.TryWrite(result);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var result in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                _ = DeliverAsync(result, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed delivery must not stop the dispatcher; Daraja does not retry either.")]
    private async Task DeliverAsync(ScheduledResult result, CancellationToken stoppingToken)
    {
        try
        {
            var delay = result.DueAt - timeProvider.GetUtcNow();
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }

            journal.RecordTransactionStatusResult(result.Body);
            using var content = new StringContent(result.Body, Encoding.UTF8, "application/json");
            using var response = await httpClientFactory.CreateClient(CallbackDispatcher.HttpClientName).PostAsync(result.Url, content, stoppingToken);
            LogDelivered(logger, (int)response.StatusCode);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 9120, Level = LogLevel.Information, Message = "Daraja simulator delivered a Transaction Status result: HTTP {StatusCode}")]
    private static partial void LogDelivered(ILogger logger, int statusCode);

    [LoggerMessage(EventId = 9121, Level = LogLevel.Warning, Message = "Daraja simulator could not deliver a Transaction Status result ({ExceptionType})")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
