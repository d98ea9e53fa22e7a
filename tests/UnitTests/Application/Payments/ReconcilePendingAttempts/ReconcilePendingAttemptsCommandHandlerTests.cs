using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.ReconcilePendingAttempts;

/// <summary>
/// One reconciler pass over payments kept in memory (the domain's own rule selects them), on a fake clock, with
/// the default schedule: first query 30 s after the push, expiry 10 min after it.
/// </summary>
public sealed class ReconcilePendingAttemptsCommandHandlerTests
{
    private static readonly DateTimeOffset T = TestPayments.Now;

    private readonly FakeTimeProvider _clock = new(T);
    private readonly InMemoryPayments _store = new();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();
    private readonly IMpesaGateway _gateway = Substitute.For<IMpesaGateway>();
    private readonly List<InboundCallback> _strays = [];
    private readonly List<InboundCallback> _unprocessed = [];
    private readonly RecordingLogger<ReconciliationPass> _log = new();
    private readonly RecordingLogger<CallbackProcessor> _callbackLog = new();

    public ReconcilePendingAttemptsCommandHandlerTests()
    {
        _inbox.ListUnmatchedStkCallbacksAsync(Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call => _strays.Where(c => c.Outcome == CallbackOutcome.Unmatched && c.ReceivedAt >= call.Arg<DateTimeOffset>()).ToList());
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => _strays.Where(c => c.Outcome == CallbackOutcome.Unmatched && c.CheckoutRequestId == call.Arg<string>()).ToList());
        _inbox.ListUnprocessedAsync(Arg.Any<IReadOnlyList<CallbackKind>>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call => _unprocessed.Where(c => c.Outcome == CallbackOutcome.Received && c.ReceivedAt < call.Arg<DateTimeOffset>()).ToList());
        _inbox.FindAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(call => _strays.Concat(_unprocessed).FirstOrDefault(c => c.Id == call.Arg<Guid>()));
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.StillProcessing());
    }

    private async Task<ReconciliationReport> Reconcile(IMpesaGateway? gateway = null, TimeProvider? clock = null)
    {
        clock ??= _clock;
        var handler = Pipeline.Reconciler(_store.Repository, _inbox, _reader, gateway ?? _gateway, new ReconciliationOptions(), clock, _log, _callbackLog);
        return await handler.Handle(new ReconcilePendingAttemptsCommand(), CancellationToken.None);
    }

    private Payment Accepted(DateTimeOffset createdAt, DateTimeOffset? acceptedAt = null, string checkoutRequestId = "ws_CO_recon")
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, createdAt);
        payment.RecordPushAccepted(1, "m-1", checkoutRequestId, acceptedAt ?? createdAt).Must();
        return _store.Add(payment);
    }

    private Payment Lost(DateTimeOffset createdAt, int amount = 100)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(amount),
            AccountReference.Parse("INV-1"), Description.Default, createdAt);
        payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, createdAt.AddSeconds(30)).Must();
        return _store.Add(payment);
    }

    private InboundCallback Stray(StkResult result, DateTimeOffset receivedAt)
    {
        var body = $"callback-{_strays.Count}";
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, body, null, receivedAt);
        callback.MarkUnmatched(result.CheckoutRequestId, receivedAt);
        _strays.Add(callback);
        _reader.TryRead(body, out Arg.Any<StkResult?>()).Returns(call =>
        {
            call[1] = result;
            return true;
        });
        return callback;
    }

    [Fact]
    public async Task Handle_DueAttemptStillProcessing_RecordsTheQueryAndKeepsThePaymentPending()
    {
        var payment = Accepted(T);
        _clock.SetUtcNow(T.AddSeconds(30));

        var report = await Reconcile();

        await _gateway.Received(1).QueryStkPushAsync("ws_CO_recon", Arg.Any<CancellationToken>());
        Assert.Equal(new ReconciliationReport(Queried: 1, Settled: 0, Expired: 0, CallbacksMatched: 0, CallbacksSwept: 0, Failed: 0), report);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal(1, payment.CurrentAttempt.QueryCount);
        Assert.Equal(T.AddSeconds(45), payment.CurrentAttempt.NextQueryAt);
        await _store.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_QueryKnowsTheCustomerCancelled_SettlesThePaymentFromTheQuery()
    {
        var payment = Accepted(T);
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.Known("1032", "Request cancelled by user"));
        _clock.SetUtcNow(T.AddSeconds(30));

        var report = await Reconcile();

        Assert.Equal(1, report.Settled);
        Assert.Equal(PaymentStatus.Cancelled, payment.Status);
        Assert.Equal("cancelled_by_customer", payment.Failure!.Code);
        Assert.Equal(ResultSource.Query, payment.CurrentAttempt.ResultSource);
    }

    [Fact]
    public async Task Handle_QueryGivesNoAnswer_KeepsPendingAndAsksAgainLater()
    {
        var payment = Accepted(T);
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.NoAnswer(NoAnswerReason.Unreachable, "500.003.02"));
        _clock.SetUtcNow(T.AddSeconds(30));

        await Reconcile();

        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.Failure);
        Assert.Equal(T.AddSeconds(45), payment.CurrentAttempt.NextQueryAt);
    }

    public static TheoryData<string, HttpStatusCode, string> StillProcessingAnswers => new()
    {
        { "4999", HttpStatusCode.OK, """{"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully","MerchantRequestID":"22205-34066-1","CheckoutRequestID":"ws_CO_recon","ResultCode":"4999","ResultDesc":"The transaction is still under processing"}""" },
        { "500.001.1001", HttpStatusCode.InternalServerError, """{ "requestId": "ws_CO_recon", "errorCode": "500.001.1001", "errorMessage": "The transaction is being processed" }""" },
        { "500.001.1001 in a 200", HttpStatusCode.OK, """{ "requestId": "ws_CO_recon", "errorCode": "500.001.1001", "errorMessage": "" }""" },
    };

    [Theory]
    [MemberData(nameof(StillProcessingAnswers))]
    public async Task Handle_DarajaSaysStillProcessingUntilExpiry_NeverFailsThePaymentAndExpiresItWithNoOutcome(string because, HttpStatusCode status, string answer)
    {
        using var daraja = new DarajaFixture();
        daraja.Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(status, answer));
        daraja.Clock.SetUtcNow(T);
        var payment = Accepted(T);

        for (var second = 30; second < 600; second += 15)
        {
            daraja.Clock.SetUtcNow(T.AddSeconds(second));
            await Reconcile(daraja.Client, daraja.Clock);
            Assert.True(payment.Status == PaymentStatus.Pending, $"{because}: {payment.Status} at T+{second}s");
            Assert.Null(payment.Failure);
        }

        daraja.Clock.SetUtcNow(T.AddMinutes(10));
        var report = await Reconcile(daraja.Client, daraja.Clock);

        Assert.Equal(1, report.Expired);
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal("no_outcome", payment.Failure!.Code);
        Assert.Equal(ResultSource.Expiry, payment.CurrentAttempt.ResultSource);
        Assert.True(payment.CurrentAttempt.QueryCount >= 5, $"only {payment.CurrentAttempt.QueryCount} queries");
        Assert.NotEmpty(daraja.Daraja.QueryRequests);
        Assert.Empty(daraja.Daraja.PushRequests);
    }

    [Fact]
    public async Task Handle_PushAcceptedLaterThanCreated_ExpiresTenMinutesAfterItWasSent()
    {
        var payment = Accepted(T, acceptedAt: T.AddSeconds(20));

        _clock.SetUtcNow(T.AddMinutes(10));
        await Reconcile();
        Assert.Equal(PaymentStatus.Pending, payment.Status);

        _clock.SetUtcNow(T.AddMinutes(10).AddSeconds(20));
        var report = await Reconcile();
        Assert.Equal(1, report.Expired);
        Assert.Equal(PaymentStatus.Expired, payment.Status);
    }

    [Fact]
    public async Task Handle_PushAnswerLostAfterTimeout_ExpiresTenMinutesAfterCreatedAsOutcomeUnknownNotRetriableAndFlagged()
    {
        var payment = Lost(T); // created at T; Daraja's answer timed out at T+30 s

        _clock.SetUtcNow(T.AddMinutes(10));
        var report = await Reconcile();

        Assert.Equal(1, report.Expired);
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal("outcome_unknown", payment.Failure!.Code);
        Assert.False(payment.Failure.Retriable);
        Assert.Equal("outcome_unknown", payment.ReviewReason?.Code);
        Assert.Null(payment.CurrentAttempt.InFlightPhoneNumber);
    }

    [Fact]
    public async Task Handle_EveryQueryOfAPromptWentUnanswered_ExpiresItAsOutcomeUnknown()
    {
        var payment = Accepted(T);
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.NoAnswer(NoAnswerReason.Unreachable, null));
        foreach (var seconds in new[] { 30, 45, 75, 135, 255, 375, 495 })
        {
            _clock.SetUtcNow(T.AddSeconds(seconds));
            await Reconcile();
        }

        _clock.SetUtcNow(T.AddMinutes(10));
        await Reconcile();

        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal("outcome_unknown", payment.Failure!.Code);
        Assert.Equal("outcome_unknown", payment.ReviewReason?.Code);
        Assert.True(payment.CurrentAttempt.QueryCount >= 7);
    }

    [Fact]
    public async Task Handle_SeveralPaymentsDue_SettlesEveryOneInOnePass()
    {
        var payments = Enumerable.Range(0, 5).Select(i => Accepted(T.AddSeconds(i), checkoutRequestId: $"ws_CO_{i}")).ToList();
        _clock.SetUtcNow(T.AddMinutes(11));

        var report = await Reconcile();

        Assert.Equal(5, report.Expired);
        Assert.All(payments, p => Assert.Equal(PaymentStatus.Expired, p.Status));
    }

    [Fact]
    public async Task Handle_OnePaymentsWorkThrows_TheOthersAreStillReconciledAndItIsCountedAndLogged()
    {
        var broken = Accepted(T, checkoutRequestId: "ws_CO_broken");
        var healthy = Accepted(T.AddSeconds(1), checkoutRequestId: "ws_CO_healthy");
        _gateway.QueryStkPushAsync("ws_CO_broken", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<StkQueryOutcome>(new InvalidOperationException("a bug")));
        _gateway.QueryStkPushAsync("ws_CO_healthy", Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.Known("1032", "Request cancelled by user"));
        _clock.SetUtcNow(T.AddMinutes(1));

        var report = await Reconcile();

        Assert.Equal(1, report.Failed);
        Assert.Equal(1, report.Settled);
        Assert.Equal(PaymentStatus.Cancelled, healthy.Status);
        _store.UnitOfWork.Received(1).DiscardChanges();
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal($"Reconciliation of payment {broken.Id.Value} failed (InvalidOperationException); the next pass tries again", warning.Message);
    }

    [Fact]
    public async Task Handle_ConcurrencyConflict_RecordsTheAnswerOnTheReloadedPaymentWithoutAskingAgain()
    {
        var first = Accepted(T, checkoutRequestId: "ws_CO_first");
        var reloaded = TestPayments.AwaitingCustomer(id: first.Id, checkoutRequestId: "ws_CO_first");
        _store.Repository.FindAsync(first.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(first, reloaded);
        _gateway.QueryStkPushAsync("ws_CO_first", Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.Known("1032", "Request cancelled by user"));
        var saves = 0;
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ => ++saves == 1 ? Task.FromException(new ConcurrencyConflictException()) : Task.CompletedTask);
        _clock.SetUtcNow(T.AddMinutes(1));

        var report = await Reconcile();

        Assert.Equal(new ReconciliationReport(Queried: 1, Settled: 1, Expired: 0, CallbacksMatched: 0, CallbacksSwept: 0, Failed: 0), report);
        _store.UnitOfWork.Received(1).DiscardChanges();
        await _gateway.Received(1).QueryStkPushAsync("ws_CO_first", Arg.Any<CancellationToken>());
        Assert.Equal(PaymentStatus.Cancelled, reloaded.Status);
    }

    [Fact]
    public async Task Handle_PaymentSettledBetweenListingAndReloading_IsNotQueried()
    {
        var id = PaymentId.New();
        var stale = TestPayments.AwaitingCustomer(id: id);
        var fresh = _store.Add(TestPayments.AwaitingCustomer(id: id));
        fresh.ApplyStkResult(TestPayments.Success(), T.AddSeconds(20)).Must();
        _store.Repository.ListDueForReconciliationAsync(Arg.Any<ReconciliationSchedule>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns([stale.Id]);
        _clock.SetUtcNow(T.AddMinutes(11));

        var report = await Reconcile();

        await _gateway.DidNotReceiveWithAnyArgs().QueryStkPushAsync(default!, default);
        Assert.Equal(0, report.Expired);
        Assert.Equal(PaymentStatus.Completed, fresh.Status);
    }

    [Fact]
    public async Task Handle_AttemptInFlightOnACompletedPayment_IsQueriedAndExpiredAndReleasesThePhone()
    {
        var payment = RetriedThenCompletedByTheFirstAttempt();
        _clock.SetUtcNow(T.AddMinutes(30));

        var report = await Reconcile();

        await _gateway.Received().QueryStkPushAsync("ws_CO_second", Arg.Any<CancellationToken>());
        Assert.Equal(1, report.Expired);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(AttemptStatus.Expired, payment.CurrentAttempt.Status);
        Assert.Null(payment.CurrentAttempt.InFlightPhoneNumber);
    }

    [Fact]
    public async Task Handle_QueryShowsTheSecondPromptWasPaidToo_FlagsADuplicateCharge()
    {
        var payment = RetriedThenCompletedByTheFirstAttempt();
        _gateway.QueryStkPushAsync("ws_CO_second", Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.Known("0", "The service request is processed successfully."));
        _clock.SetUtcNow(T.AddMinutes(21));

        await Reconcile();

        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal("duplicate_charge", payment.ReviewReason?.Code);
        Assert.Contains(payment.Raised(), e => e is Shield.Domain.Payments.Events.PaymentFlaggedForReview { Reason.Code: "duplicate_charge" });
    }

    [Fact]
    public async Task Handle_CallbackLeftReceived_IsProcessedOnceItIsOlderThanTheReprocessDelay()
    {
        var payment = Accepted(T, checkoutRequestId: "ws_CO_left");
        var left = InboundCallback.Receive(CallbackKind.StkCallback, "left-body", null, T.AddSeconds(5));
        _unprocessed.Add(left);
        _reader.TryRead("left-body", out Arg.Any<StkResult?>()).Returns(call =>
        {
            call[1] = TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_left");
            return true;
        });

        _clock.SetUtcNow(T.AddSeconds(30));
        Assert.Equal(0, (await Reconcile()).CallbacksSwept);
        Assert.Equal(CallbackOutcome.Received, left.Outcome);

        _clock.SetUtcNow(T.AddSeconds(66));
        var report = await Reconcile();

        Assert.Equal(1, report.CallbacksSwept);
        Assert.Equal(CallbackOutcome.Applied, left.Outcome);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
    }

    /// <summary>Attempt 1 expired (1037); a retry's push (attempt 2) was accepted; then attempt 1's late success completed the payment.</summary>
    private Payment RetriedThenCompletedByTheFirstAttempt()
    {
        var payment = Accepted(T, checkoutRequestId: "ws_CO_first");
        payment.ApplyStkResult(TestPayments.Failure("1037", checkoutRequestId: "ws_CO_first"), T.AddSeconds(40)).Must();
        payment.Retry(3, T.AddMinutes(5)).Must();
        payment.RecordPushAccepted(2, "m-2", "ws_CO_second", T.AddMinutes(5)).Must();
        payment.ApplyStkResult(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_first"), T.AddMinutes(5).AddSeconds(1)).Must();
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        return payment;
    }

    [Fact]
    public async Task Handle_StraySuccessMatchingOneLostPush_CompletesThatPayment()
    {
        var payment = Lost(T);
        var stray = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_stray"), T.AddSeconds(40));
        _clock.SetUtcNow(T.AddMinutes(1));

        var report = await Reconcile();

        Assert.Equal(1, report.CallbacksMatched);
        Assert.Equal("ws_CO_stray", payment.CurrentAttempt.CheckoutRequestId);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Equal(CallbackOutcome.Applied, stray.Outcome);
        Assert.Equal(payment.Id, stray.PaymentId);
    }

    [Fact]
    public async Task Handle_StraySuccessAfterTheLostPushExpired_StillCompletesItLate()
    {
        var payment = Lost(T);
        Reconciliation.Expire(payment, 1, T.AddMinutes(10)).Must();
        Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_stray"), T.AddMinutes(9));
        _clock.SetUtcNow(T.AddMinutes(11));

        await Reconcile();

        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal("ws_CO_stray", payment.CurrentAttempt.CheckoutRequestId);
    }

    [Fact]
    public async Task Handle_StraySuccessMatchingTwoLostPushes_LeavesItForAPerson()
    {
        var first = Lost(T);
        var second = Lost(T.AddSeconds(5));
        var stray = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_stray"), T.AddSeconds(40));
        _clock.SetUtcNow(T.AddMinutes(1));

        var report = await Reconcile();

        Assert.Equal(0, report.CallbacksMatched);
        Assert.Equal(CallbackOutcome.Unmatched, stray.Outcome);
        Assert.All([first, second], p =>
        {
            Assert.Equal(PaymentStatus.Pending, p.Status);
            Assert.Null(p.CurrentAttempt.CheckoutRequestId);
        });
        Assert.Empty(_callbackLog.Entries); // left as it was: not processed (and logged) again on every pass
    }

    [Theory]
    [InlineData(50, "254708374149", 40)] // other amount
    [InlineData(100, "254708374150", 40)] // other phone
    [InlineData(100, "254708374149", 700)] // received more than ExpireAfter after the payment was created
    public async Task Handle_StraySuccessMatchingNoLostPush_LeavesItAlone(int amount, string phone, int receivedSecondsAfterT)
    {
        var payment = Lost(T);
        var stray = Stray(TestPayments.Success(amount: amount, phone: phone, checkoutRequestId: "ws_CO_stray"), T.AddSeconds(receivedSecondsAfterT));
        _clock.SetUtcNow(T.AddSeconds(receivedSecondsAfterT + 10));

        var report = await Reconcile();

        Assert.Equal(0, report.CallbacksMatched);
        Assert.Equal(CallbackOutcome.Unmatched, stray.Outcome);
        Assert.Null(payment.CurrentAttempt.CheckoutRequestId);
        Assert.NotEqual(PaymentStatus.Completed, payment.Status);
        Assert.Empty(_callbackLog.Entries);
    }

    [Fact]
    public async Task Handle_StrayFailure_IsNeverMatchedByPhoneAndAmount()
    {
        var payment = Lost(T);
        var stray = Stray(TestPayments.Failure("1032", checkoutRequestId: "ws_CO_stray"), T.AddSeconds(40));
        _clock.SetUtcNow(T.AddMinutes(1));

        await Reconcile();

        Assert.Null(payment.CurrentAttempt.CheckoutRequestId);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(CallbackOutcome.Unmatched, stray.Outcome);
        Assert.Empty(_callbackLog.Entries);
    }

    [Fact]
    public async Task Handle_StrayWhoseAttemptIsKnownSince_IsApplied()
    {
        var stray = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_late"), T.AddSeconds(2));
        var payment = Accepted(T, acceptedAt: T.AddSeconds(3), checkoutRequestId: "ws_CO_late");
        _clock.SetUtcNow(T.AddSeconds(10));

        var report = await Reconcile();

        Assert.Equal(1, report.CallbacksMatched);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(CallbackOutcome.Applied, stray.Outcome);
    }

    [Fact]
    public async Task Handle_AnyPass_NeverSendsAPushNorAsksForTransactionStatus()
    {
        Accepted(T);
        Lost(T.AddSeconds(1));
        Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_stray"), T.AddSeconds(40));

        foreach (var minutes in new[] { 1, 5, 10, 11 })
        {
            _clock.SetUtcNow(T.AddMinutes(minutes));
            await Reconcile();
        }

        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
        await _gateway.DidNotReceiveWithAnyArgs().RequestTransactionStatusAsync(default!, default);
    }

    [Fact]
    public async Task Handle_StrayReceivedAlmostTwiceTheExpiryAgo_IsStillApplied()
    {
        var stray = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_late"), T.AddSeconds(2));
        var payment = Accepted(T, acceptedAt: T.AddSeconds(3), checkoutRequestId: "ws_CO_late");
        payment.ClearDomainEvents();
        _clock.SetUtcNow(T.AddSeconds(2).AddMinutes(19));

        var report = await Reconcile();

        Assert.Equal(1, report.CallbacksMatched);
        Assert.Equal(CallbackOutcome.Applied, stray.Outcome);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public async Task Handle_StrayReceivedMoreThanTwiceTheExpiryAgo_IsLeftForAPerson()
    {
        var stray = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_late"), T.AddSeconds(2));
        var payment = Accepted(T, acceptedAt: T.AddSeconds(3), checkoutRequestId: "ws_CO_late");
        _clock.SetUtcNow(T.AddSeconds(2).AddMinutes(21));

        var report = await Reconcile();

        Assert.Equal(0, report.CallbacksMatched);
        Assert.Equal(CallbackOutcome.Unmatched, stray.Outcome);
        Assert.NotEqual(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public async Task Handle_UnreadableStray_IsLeftUnmatchedWithoutCountingAFailure()
    {
        var stray = InboundCallback.Receive(CallbackKind.StkCallback, "unreadable", null, T);
        stray.MarkUnmatched("ws_CO_unreadable", T);
        _strays.Add(stray);
        _reader.TryRead("unreadable", out Arg.Any<StkResult?>()).Returns(false);
        _clock.SetUtcNow(T.AddMinutes(1));

        var report = await Reconcile();

        Assert.Equal(new ReconciliationReport(0, 0, 0, 0, 0, 0), report);
        Assert.Equal(CallbackOutcome.Unmatched, stray.Outcome);
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Handle_OneUnprocessedCallbackThrows_TheOthersAreStillSweptAndItIsLogged()
    {
        var broken = InboundCallback.Receive(CallbackKind.StkCallback, "broken", null, T);
        var healthy = InboundCallback.Receive(CallbackKind.StkCallback, "healthy", null, T);
        _unprocessed.AddRange([broken, healthy]);
        _reader.TryRead("broken", out Arg.Any<StkResult?>()).Returns(_ => throw new InvalidOperationException("a bug"));
        _reader.TryRead("healthy", out Arg.Any<StkResult?>()).Returns(false);
        _clock.SetUtcNow(T.AddMinutes(5));

        var report = await Reconcile();

        Assert.Equal(1, report.Failed);
        Assert.Equal(1, report.CallbacksSwept);
        Assert.Equal(CallbackOutcome.Malformed, healthy.Outcome);
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal($"Reconciliation of callback {broken.Id} failed (InvalidOperationException); the next pass tries again", warning.Message);
    }

    [Fact]
    public async Task Handle_OneStrayThrows_TheOthersAreStillMatchedAndItIsLogged()
    {
        var broken = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_broken"), T.AddSeconds(2));
        var healthy = Stray(TestPayments.Success(amount: 100, checkoutRequestId: "ws_CO_late"), T.AddSeconds(2));
        var payment = Accepted(T, acceptedAt: T.AddSeconds(3), checkoutRequestId: "ws_CO_late");
        _store.Repository.FindByCheckoutRequestIdAsync("ws_CO_broken", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Payment?>(new InvalidOperationException("a bug")));
        _clock.SetUtcNow(T.AddSeconds(10));

        var report = await Reconcile();

        Assert.Equal(1, report.Failed);
        Assert.Equal(1, report.CallbacksMatched);
        Assert.Equal(CallbackOutcome.Applied, healthy.Outcome);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        var warning = Assert.Single(_log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal($"Reconciliation of callback {broken.Id} failed (InvalidOperationException); the next pass tries again", warning.Message);
    }

    [Fact]
    public async Task Handle_DatabaseUnavailable_StopsThePassInsteadOfFailingEveryItem()
    {
        var first = Accepted(T, checkoutRequestId: "ws_CO_first");
        var second = Accepted(T.AddSeconds(1), checkoutRequestId: "ws_CO_second");
        _store.Repository.FindAsync(first.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Payment?>(new DatabaseUnavailableException("down")));
        _clock.SetUtcNow(T.AddMinutes(1));

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Reconcile());

        await _gateway.DidNotReceiveWithAnyArgs().QueryStkPushAsync(default!, default);
        Assert.Equal(AttemptStatus.AwaitingCustomer, second.CurrentAttempt.Status);
    }

    [Fact]
    public async Task Handle_OneQueryTimesOutWhileThePassIsNotCancelled_IsCountedAndTheOthersAreReconciled()
    {
        Accepted(T, checkoutRequestId: "ws_CO_slow");
        var healthy = Accepted(T.AddSeconds(1), checkoutRequestId: "ws_CO_healthy");
        _gateway.QueryStkPushAsync("ws_CO_slow", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<StkQueryOutcome>(new TaskCanceledException("HttpClient.Timeout")));
        _gateway.QueryStkPushAsync("ws_CO_healthy", Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.Known("1032", "Request cancelled by user"));
        _clock.SetUtcNow(T.AddMinutes(1));

        var report = await Reconcile();

        Assert.Equal(1, report.Failed);
        Assert.Equal(1, report.Settled);
        Assert.Equal(PaymentStatus.Cancelled, healthy.Status);
    }
}
