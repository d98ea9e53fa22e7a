using System.Collections.Concurrent;
using Shield.Application.Common.Events;
using Shield.Application.Payments.Contracts;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process event handler as another module would write one, registered in a test host: it records every
/// delivery (an event can arrive more than once), and fails on purpose for the payments a test chooses.
/// </summary>
public sealed class RecordingEventHandler(EventRecord record) : IEventHandler<PaymentEvent>
{
    public Task HandleAsync(PaymentEvent published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(published);
        if (record.FailFor.TryGetValue(published.Payment.PhoneNumber, out var failures) && failures > 0)
        {
            record.FailFor[published.Payment.PhoneNumber] = failures - 1;
            record.Failures.Enqueue(published);
            throw new InvalidOperationException("A handler that fails on purpose.");
        }

        record.Deliveries.Enqueue(published);
        return Task.CompletedTask;
    }
}

/// <summary>What a <see cref="RecordingEventHandler"/> saw (one per host: a singleton).</summary>
public sealed class EventRecord
{
    public ConcurrentQueue<PaymentEvent> Deliveries { get; } = new();

    public ConcurrentQueue<PaymentEvent> Failures { get; } = new();

    /// <summary>How many more deliveries to fail of the events of payments to this phone (12 digits: 2547...).</summary>
    public ConcurrentDictionary<string, int> FailFor { get; } = new(StringComparer.Ordinal);
}
