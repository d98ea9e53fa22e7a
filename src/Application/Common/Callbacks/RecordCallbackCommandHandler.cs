using Mediator;
using Microsoft.Extensions.Logging;
using Shield.Application.Common.Persistence;
using Shield.Application.Common.Telemetry;
using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>
/// Stores the raw body first (its own commit), then has the module that reads its kind apply it (<see cref="ICallbackApplier"/>). Once the body is
/// stored nothing is lost: if processing cannot finish (the database fails right after, or anything else does), the
/// callback stays Received and the reconciler processes it, so Safaricom is still told it was accepted.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Once the body is stored, Safaricom is acknowledged whatever fails next: the reconciler finishes it.")]
public sealed partial class RecordCallbackCommandHandler(
    IUnitOfWork unitOfWork,
    ICallbackInbox inbox,
    IEnumerable<ICallbackApplier> appliers,
    TimeProvider clock,
    ILogger<RecordCallbackCommandHandler> logger,
    ShieldMetrics? metrics = null) : ICommandHandler<RecordCallbackCommand, RecordCallbackResponse>
{
    public async ValueTask<RecordCallbackResponse> Handle(RecordCallbackCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var received = clock.GetUtcNow();
        var callback = InboundCallback.Receive(command.Kind, command.Body, command.RemoteAddress, received);
        await inbox.StoreAsync(callback, command.FromAllowedSource, unitOfWork, received);
        if (!command.FromAllowedSource)
        {
            LogSourceRejected(logger, callback.Id, command.Kind);
            metrics?.CallbackReceived("refused", null);
            return new RecordCallbackResponse(callback.Id, callback.Outcome);
        }

        try
        {
            var applied = await appliers.Single(a => a.Kinds.Contains(command.Kind)).ApplyAsync(callback);
            return new RecordCallbackResponse(callback.Id, applied.Outcome, applied.PaymentId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Stored: nothing Safaricom sent is lost, and the reconciler processes it (Reconciliation:ReprocessCallbacksAfter).
            unitOfWork.DiscardChanges();
            LogDeferred(logger, callback.Id, command.Kind, exception.GetType().Name);
            return new RecordCallbackResponse(callback.Id, CallbackOutcome.Received);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {CallbackId} ({Kind}) SourceRejected: its sender is outside Mpesa:CallbackAllowedIps; kept, not applied")]
    private static partial void LogSourceRejected(ILogger logger, Guid callbackId, CallbackKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback {CallbackId} ({Kind}) is stored, but applying it failed ({ExceptionType}); the reconciler will apply it")]
    private static partial void LogDeferred(ILogger logger, Guid callbackId, CallbackKind kind, string exceptionType);
}
