using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Mapster;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Common.Telemetry;

/// <summary>What the dashboards count from the published events: each real settlement once, with its status and ResultCode.</summary>
public sealed class MetricsEventHandlerTests : IDisposable
{
    private readonly TestMeterFactory _meters = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measured = new();
    private readonly MetricsEventHandler _handler;

    public MetricsEventHandlerTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measured.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString(), StringComparer.Ordinal))));
        _listener.Start();
        _handler = new MetricsEventHandler(new ShieldMetrics(_meters));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task HandleAsync_PaymentCompletedDeliveredTwice_CountsOneSettlementWithStatusAndResultCode()
    {
        var completed = Event(PaymentEventTypes.Completed, Payment() with { Status = PaymentStatus.Completed });

        await _handler.HandleAsync(completed, CancellationToken.None);
        await _handler.HandleAsync(completed, CancellationToken.None); // delivered again (another handler failed)

        var settled = Assert.Single(_measured, m => m.Instrument == "shield.payments.settled");
        Assert.Equal(1, settled.Value);
        Assert.Equal("completed", settled.Tags["status"]);
        Assert.Equal("0", settled.Tags["result_code"]);
    }

    [Fact]
    public async Task HandleAsync_PaymentCancelled_CountsDarajasResultCode()
    {
        var payment = Payment() with
        {
            Status = PaymentStatus.Cancelled,
            Failure = new FailureDetails { Code = "cancelled_by_customer", ResultCode = "1032", Message = "Cancelled", Retriable = true },
        };

        await _handler.HandleAsync(Event(PaymentEventTypes.Cancelled, payment), CancellationToken.None);

        var settled = Assert.Single(_measured, m => m.Instrument == "shield.payments.settled");
        Assert.Equal("cancelled", settled.Tags["status"]);
        Assert.Equal("1032", settled.Tags["result_code"]);
    }

    [Fact]
    public async Task HandleAsync_PaymentExpiredWithoutAnAnswer_CountsResultCodeNone_NotAnEarlierAttemptsCode()
    {
        var payment = Payment();
        var earlier = payment.Attempts[0] with { Number = 1, ResultCode = "1032" };
        var last = payment.Attempts[0] with { Number = 2, ResultCode = null };
        var expired = payment with { Status = PaymentStatus.Expired, Failure = null, Attempts = [earlier, last] };

        await _handler.HandleAsync(Event(PaymentEventTypes.Expired, expired), CancellationToken.None);

        var settled = Assert.Single(_measured, m => m.Instrument == "shield.payments.settled");
        Assert.Equal("expired", settled.Tags["status"]);
        Assert.Equal("none", settled.Tags["result_code"]);
    }

    [Theory]
    [InlineData(PaymentEventTypes.Created)]
    [InlineData(PaymentEventTypes.Retried)]
    [InlineData(PaymentEventTypes.FlaggedForReview)]
    public async Task HandleAsync_EventThatSettlesNothing_CountsNothing(string type)
    {
        await _handler.HandleAsync(Event(type, Payment()), CancellationToken.None);

        Assert.Empty(_measured);
    }

    [Theory]
    [InlineData(RefundEventTypes.Created, RefundStatus.AwaitingApproval, null, "awaiting_approval")]
    [InlineData(RefundEventTypes.Created, RefundStatus.Pending, null, "requested")]
    [InlineData(RefundEventTypes.Succeeded, RefundStatus.Succeeded, null, "completed")]
    [InlineData(RefundEventTypes.Failed, RefundStatus.Failed, "refund_rejected", "rejected")]
    [InlineData(RefundEventTypes.Failed, RefundStatus.Failed, "insufficient_balance", "failed")]
    public async Task HandleAsync_RefundEvent_CountsItsOutcome(string type, RefundStatus status, string? failureCode, string outcome)
    {
        var refund = new RefundDetails
        {
            Id = Guid.NewGuid(), PaymentId = Guid.NewGuid(), Amount = 100, Status = status, Reason = "test", CreatedAt = DateTimeOffset.UnixEpoch,
            Failure = failureCode is null ? null : new RefundFailureDetails { Code = failureCode, Message = "-", Retriable = false },
        };

        await _handler.HandleAsync(new RefundEvent(Guid.NewGuid(), type, refund.Id, refund.PaymentId, 1, "client-a", DateTimeOffset.UnixEpoch, refund), CancellationToken.None);

        var counted = Assert.Single(_measured, m => m.Instrument == "shield.refunds");
        Assert.Equal(outcome, counted.Tags["outcome"]);
    }

    private static PaymentDetails Payment() => TestPayments.New().Adapt<PaymentDetails>(Mapping.Create());

    private static PaymentEvent Event(string type, PaymentDetails payment) =>
        new(Guid.NewGuid(), type, payment.Id, 2, "client-a", DateTimeOffset.UnixEpoch, payment);

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _created)
            {
                meter.Dispose();
            }
        }
    }
}
