using Microsoft.Extensions.Logging;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;

namespace Shield.Infrastructure.Events;

/// <summary>The operator's view of the event stream: one line per delivered event (it was only logged, before the outbox).</summary>
internal sealed partial class LoggingEventHandler(ILogger<LoggingEventHandler> logger) : IEventHandler<PaymentEvent>
{
    public Task HandleAsync(PaymentEvent published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        LogEvent(logger, published.Id, published.Type, published.PaymentId, published.Sequence, published.Payment.Status);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} {Type} for payment {PaymentId} (#{Sequence}, now {Status})")]
    private static partial void LogEvent(ILogger logger, Guid eventId, string type, Guid paymentId, int sequence, Shield.Domain.Payments.PaymentStatus status);
}
