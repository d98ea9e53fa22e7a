using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// Every timing rule of the reconciler, on a fake clock, with the default schedule (first query 30 s after the push,
/// then every 15 s with doubling backoff capped at 2 min, expiry after 10 min). The repository selects in memory with
/// the domain's own rule over a list of payments; Daraja is a substitute.
/// </summary>
public sealed class ReconciliationTimingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryPayments _store = new();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();
    private readonly IMpesaGateway _gateway = Substitute.For<IMpesaGateway>();
    private readonly ReconciliationOptions _options = new();

    public ReconciliationTimingTests()
    {
        _inbox.ListUnprocessedAsync(Arg.Any<IReadOnlyList<CallbackKind>>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(Array.Empty<InboundCallback>());
        _inbox.ListUnmatchedStkCallbacksAsync(Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(Array.Empty<InboundCallback>());
        StillProcessing();
    }

    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    [InlineData(4, 120)]
    [InlineData(5, 120)]
    [InlineData(40, 120)]
    public void NextQueryAfter_DoublesFromTheIntervalAndIsCapped(int queriesSoFar, int seconds)
    {
        Assert.Equal(Start.AddSeconds(seconds), ReconciliationSchedule.Default.NextQueryAfter(Start, queriesSoFar));
    }

    [Fact]
    public async Task AcceptedPush_IsNotQueriedBeforeFirstQueryAfter()
    {
        Accepted(Start);

        _clock.Advance(TimeSpan.FromSeconds(29));
        await Reconcile();

        await _gateway.DidNotReceiveWithAnyArgs().QueryStkPushAsync(default!, default);
    }

    [Fact]
    public async Task AcceptedPush_IsQueriedAtFirstQueryAfterThenWithBackoff()
    {
        var payment = Accepted(Start);
        var queriedAt = new List<double>();
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            queriedAt.Add((_clock.GetUtcNow() - Start).TotalSeconds);
            return new StkQueryOutcome.StillProcessing();
        });

        for (var second = 0; second <= 300; second++)
        {
            await Reconcile();
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([30, 45, 75, 135, 255], queriedAt);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal(5, payment.CurrentAttempt.QueryCount);
    }

    [Fact]
    public async Task StillProcessingAnswers_NeverFailThePayment()
    {
        // 4999 and 500.001.1001 both reach the reconciler as StillProcessing (see DarajaClientTests).
        var payment = Accepted(Start);

        _clock.Advance(TimeSpan.FromMinutes(9));
        await Reconcile();

        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.Failure);
    }

    [Fact]
    public async Task AttemptWithoutOutcome_ExpiresAtExpireAfterAndALateSuccessStillCompletes()
    {
        var payment = Accepted(Start);

        _clock.SetUtcNow(Start.AddMinutes(10).AddSeconds(-1));
        await Reconcile();
        Assert.Equal(PaymentStatus.Pending, payment.Status);

        _clock.SetUtcNow(Start.AddMinutes(10));
        await Reconcile();
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal("no_outcome", payment.Failure!.Code);
        Assert.Equal(ResultSource.Expiry, payment.CurrentAttempt.ResultSource);

        payment.ClearDomainEvents();
        var late = payment.ApplyStkResult(new StkResult("ws_CO_timing", "0", "ok", new Receipt("LATE123456", 100, null, null)), Start.AddMinutes(12));
        Assert.Equal(StkResultApplication.Applied, late.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.IsType<PaymentCompletedLate>(Assert.Single(payment.Raised()));
    }

    [Fact]
    public async Task QueryAnsweringPaid_CompletesWithoutReceipt()
    {
        var payment = Accepted(Start);
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new StkQueryOutcome.Known("0", "The service request is processed successfully."));

        _clock.Advance(TimeSpan.FromSeconds(30));
        var report = await Reconcile();

        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.MpesaReceiptNumber);
        Assert.Equal(ResultSource.Query, payment.CurrentAttempt.ResultSource);
        Assert.Equal(1, report.Settled);
    }

    [Theory]
    [InlineData(AttemptStatus.Sending)]
    [InlineData(AttemptStatus.Unknown)]
    public async Task AttemptWithoutCheckoutRequestId_IsNeverQueriedAndExpiresAtExpireAfter(AttemptStatus status)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, Start);
        if (status == AttemptStatus.Unknown)
        {
            payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, Start).Must();
        }

        _store.Add(payment);

        _clock.SetUtcNow(Start.AddMinutes(9).AddSeconds(59));
        await Reconcile();
        Assert.Equal(PaymentStatus.Pending, payment.Status);

        _clock.SetUtcNow(Start.AddMinutes(10));
        await Reconcile();
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        await _gateway.DidNotReceiveWithAnyArgs().QueryStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Reconciler_NeverSendsAPush()
    {
        Accepted(Start);
        _clock.Advance(TimeSpan.FromMinutes(11));

        await Reconcile();

        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    private Payment Accepted(DateTimeOffset at)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, at);
        payment.RecordPushAccepted(1, "m-1", "ws_CO_timing", at).Must();
        _store.Add(payment);
        return payment;
    }

    private void StillProcessing() =>
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.StillProcessing());

    private async Task<ReconciliationReport> Reconcile()
    {
        var handler = Pipeline.Reconciler(_store.Repository, _inbox, _reader, _gateway, _options, _clock);
        return await handler.Handle(new ReconcilePendingAttemptsCommand(), CancellationToken.None);
    }
}
