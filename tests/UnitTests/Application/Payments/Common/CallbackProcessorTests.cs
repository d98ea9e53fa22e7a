using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Common;

public sealed class CallbackProcessorTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now);
    private readonly IPaymentRepository _payments = Substitute.For<IPaymentRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();
    private readonly ITransactionStatusResultReader _statusReader = Substitute.For<ITransactionStatusResultReader>();
    private readonly RecordingLogger<CallbackProcessor> _logger = new();

    public CallbackProcessorTests()
    {
        _payments.UnitOfWork.Returns(_unitOfWork);
        _reader.TryRead("cancelled", out Arg.Any<StkResult?>()).Returns(call =>
        {
            call[1] = TestPayments.Failure("1032");
            return true;
        });
        _reader.TryRead("paid", out Arg.Any<StkResult?>()).Returns(call =>
        {
            call[1] = TestPayments.Success();
            return true;
        });
        _reader.TryRead("garbage", out Arg.Any<StkResult?>()).Returns(false);
    }

    private CallbackProcessor Processor() => Pipeline.Callbacks(_payments, _inbox, _reader, _clock, _statusReader, _logger);

    /// <summary>A callback the unit of work tracks: reading it back by id gives this same instance, as EF does.</summary>
    private InboundCallback Tracked(InboundCallback callback)
    {
        _inbox.FindAsync(callback.Id, Arg.Any<CancellationToken>()).Returns(callback);
        return callback;
    }

    /// <summary>A callback kept Unmatched, as the inbox lists it and as it reads it back by id.</summary>
    private InboundCallback Waiting(string body)
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, body, null, TestPayments.Now);
        callback.MarkUnmatched(TestPayments.CheckoutRequestId, TestPayments.Now);
        _inbox.FindAsync(callback.Id, Arg.Any<CancellationToken>()).Returns(callback);
        return callback;
    }

    [Fact]
    public async Task ApplyWaitingAsync_WaitingCallbacks_AppliesThemInOrder()
    {
        var cancelled = Waiting("cancelled");
        var paid = Waiting("paid");
        _inbox.ListUnmatchedAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns([cancelled, paid]);
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns(payment);

        var result = await Processor().ApplyWaitingAsync(TestPayments.CheckoutRequestId);

        Assert.Same(payment, result);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(CallbackOutcome.Applied, cancelled.Outcome);
        Assert.Equal(CallbackOutcome.Applied, paid.Outcome);
        Assert.Equal(payment.Id, paid.PaymentId);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        await _unitOfWork.Received(2).SaveChangesAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ApplyWaitingAsync_UnreadableWaitingCallback_IsMarkedMalformed()
    {
        var garbage = Waiting("garbage");
        _inbox.ListUnmatchedAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns([garbage]);
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns(payment);

        await Processor().ApplyWaitingAsync(TestPayments.CheckoutRequestId);

        Assert.Equal(CallbackOutcome.Malformed, garbage.Outcome);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public async Task ApplyWaitingAsync_NothingWaiting_ReturnsNullWithoutCommitting()
    {
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([]);

        var result = await Processor().ApplyWaitingAsync(TestPayments.CheckoutRequestId);

        Assert.Null(result);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
        await _payments.DidNotReceiveWithAnyArgs().FindByCheckoutRequestIdAsync(default!, default);
    }

    [Fact]
    public async Task ApplyWaitingAsync_AttemptStillUnknown_LeavesCallbacksWaiting()
    {
        var waiting = Waiting("paid");
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([waiting]);
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((Payment?)null);

        var result = await Processor().ApplyWaitingAsync(TestPayments.CheckoutRequestId);

        Assert.Null(result);
        Assert.Equal(CallbackOutcome.Unmatched, waiting.Outcome);
        Assert.Equal(TestPayments.Now, waiting.ProcessedAt);
    }

    [Fact]
    public async Task ApplyWaitingAsync_ConcurrencyConflict_DiscardsAndAppliesToReloadedPayment()
    {
        var id = PaymentId.New();
        var loaded = new List<Payment>();
        var waiting = Waiting("paid");
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([waiting]);
        _inbox.FindAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(_ => Unmatched("paid")); // as the database holds it, each time
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var fresh = TestPayments.AwaitingCustomer(id: id);
            loaded.Add(fresh);
            return fresh;
        });
        var saves = 0;
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => ++saves == 1
            ? Task.FromException(new ConcurrencyConflictException("another writer"))
            : Task.CompletedTask);

        var result = await Processor().ApplyWaitingAsync(TestPayments.CheckoutRequestId);

        _unitOfWork.Received(1).DiscardChanges();
        Assert.Equal(2, loaded.Count);
        Assert.Same(loaded[1], result);
        Assert.Equal(PaymentStatus.Completed, result?.Status);
    }

    private static InboundCallback Unmatched(string body)
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, body, null, TestPayments.Now);
        callback.MarkUnmatched(TestPayments.CheckoutRequestId, TestPayments.Now);
        return callback;
    }

    [Fact]
    public async Task ProcessStoredAsync_CallbackAnotherWriterProcessedMeanwhile_IsLeftAsThatWriterRecordedIt()
    {
        var stored = InboundCallback.Receive(CallbackKind.StkCallback, "paid", null, TestPayments.Now);
        var processedByTheOther = InboundCallback.Receive(CallbackKind.StkCallback, "paid", null, TestPayments.Now);
        processedByTheOther.MarkMalformed(TestPayments.Now);
        _inbox.FindAsync(stored.Id, Arg.Any<CancellationToken>()).Returns(stored, processedByTheOther); // tracked, then read afresh after the conflict
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => TestPayments.AwaitingCustomer());
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);

        var processed = await Processor().ProcessAsync(stored);

        Assert.Same(processedByTheOther, processed.Callback);
        Assert.Equal(CallbackOutcome.Malformed, processed.Callback.Outcome);
        Assert.Null(processed.Payment);
        await _payments.Received(1).FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        Assert.Empty(_logger.Entries); // that writer logged its outcome; this one adds no line of its own
    }

    [Fact]
    public async Task ProcessAsync_CallbackLeftReceivedByACrash_IsAppliedLikeANewOne()
    {
        var left = InboundCallback.Receive(CallbackKind.StkCallback, "paid", "196.201.214.200", TestPayments.Now.AddMinutes(-5));
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns(payment);

        _inbox.FindAsync(left.Id, Arg.Any<CancellationToken>()).Returns(left);

        var processed = (await Processor().ProcessAsync(left.Id))!;

        Assert.Equal(CallbackOutcome.Applied, processed.Callback.Outcome);
        Assert.Same(payment, processed.Payment);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
    }

    [Fact]
    public async Task ProcessStoredAsync_SuccessApplied_LogsOneInformationLineWithOutcomeResultCodeAndPayment()
    {
        var stored = Tracked(InboundCallback.Receive(CallbackKind.StkCallback, "paid", null, TestPayments.Now));
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns(payment);

        await Processor().ProcessAsync(stored);

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal($"Callback {stored.Id} (StkCallback) Applied: ResultCode 0 for payment {payment.Id.Value}, CheckoutRequestID {Msisdn.MaskIn(TestPayments.CheckoutRequestId)}",
            entry.Message);
    }

    [Fact]
    public async Task ProcessStoredAsync_AttemptNotKnownYet_KeepsItUnmatchedAndLogsThatItWaits()
    {
        var stored = Tracked(InboundCallback.Receive(CallbackKind.StkCallback, "cancelled", null, TestPayments.Now));
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((Payment?)null);

        var processed = await Processor().ProcessAsync(stored);

        Assert.Equal(CallbackOutcome.Unmatched, processed.Callback.Outcome);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal($"Callback {stored.Id} (StkCallback) Unmatched: ResultCode 1032, CheckoutRequestID {Msisdn.MaskIn(TestPayments.CheckoutRequestId)} is on no attempt yet; kept until it is",
            entry.Message);
    }

    [Fact]
    public async Task ProcessStoredAsync_DuplicateOnAnotherIndex_IsNotMistakenForAReceiptAnotherPaymentHolds()
    {
        var stored = Tracked(InboundCallback.Receive(CallbackKind.StkCallback, "paid", null, TestPayments.Now));
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => TestPayments.AwaitingCustomer());
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(
            Task.FromException(new DuplicateKeyException(UniqueKey.CheckoutRequestId, new InvalidOperationException("unique index"))), Task.CompletedTask);

        var thrown = await Assert.ThrowsAsync<DuplicateKeyException>(() => Processor().ProcessAsync(stored));

        Assert.Equal(UniqueKey.CheckoutRequestId, thrown.Key);
        Assert.NotEqual(CallbackOutcome.FlaggedForReview, stored.Outcome);
        Assert.Empty(_logger.Entries);
    }

    [Fact]
    public async Task ApplyWaitingAsync_LastWaitingCallbackUnreadable_StillReturnsThePaymentTheOthersSettled()
    {
        var paid = Waiting("paid");
        var garbage = Waiting("garbage");
        _inbox.ListUnmatchedAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns([paid, garbage]);
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns(payment);

        var result = await Processor().ApplyWaitingAsync(TestPayments.CheckoutRequestId);

        Assert.Same(payment, result);
        Assert.Equal(PaymentStatus.Completed, result?.Status);
        Assert.Equal(CallbackOutcome.Malformed, garbage.Outcome);
    }

    [Fact]
    public async Task ProcessStoredAsync_UnreadableBody_IsKeptMalformedAndLoggedAsAWarning()
    {
        var stored = Tracked(InboundCallback.Receive(CallbackKind.StkCallback, "garbage", null, TestPayments.Now));

        var processed = await Processor().ProcessAsync(stored);

        Assert.Equal(CallbackOutcome.Malformed, processed.Callback.Outcome);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal($"Callback {stored.Id} (StkCallback) Malformed: not a notification Shield can read; kept as received", entry.Message);
    }

    [Fact]
    public async Task ProcessStoredAsync_UnreadableBodyAnotherWriterRecordedMeanwhile_ReturnsItAsStoredAndLogsNothing()
    {
        var stored = InboundCallback.Receive(CallbackKind.StkCallback, "garbage", null, TestPayments.Now);
        var recordedByTheOther = InboundCallback.Receive(CallbackKind.StkCallback, "garbage", null, TestPayments.Now);
        recordedByTheOther.MarkMalformed(TestPayments.Now.AddSeconds(-1));
        _inbox.FindAsync(stored.Id, Arg.Any<CancellationToken>()).Returns(recordedByTheOther);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);

        var processed = await Processor().ProcessAsync(stored);

        Assert.Same(recordedByTheOther, processed.Callback);
        Assert.Equal(TestPayments.Now.AddSeconds(-1), processed.Callback.ProcessedAt);
        Assert.Empty(_logger.Entries);
    }

    private InboundCallback StatusResult(Payment? verified)
    {
        _statusReader.TryRead("status", false, out Arg.Any<TransactionStatusReport?>()).Returns(call =>
        {
            call[2] = new TransactionStatusReport("AG_2", null, "0", "The service request is processed successfully.", TestPayments.ReceiptNumber, 1m,
                "Completed", null, false);
            return true;
        });
        _payments.FindByVerificationAsync(Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(_ => verified);
        return Tracked(InboundCallback.Receive(CallbackKind.TransactionStatusResult, "status", null, TestPayments.Now));
    }

    private static Payment VerificationRequested()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Success(), TestPayments.Now.AddSeconds(20)).Must();
        Verification.Request(payment, "AG_2", "orig-AG_2", TestPayments.Now.AddMinutes(30)).Must();
        return payment;
    }

    [Fact]
    public async Task ProcessStoredAsync_TransactionStatusApplied_LogsOutcomeResultCodePaymentAndVerification()
    {
        var payment = VerificationRequested();
        var stored = StatusResult(payment);

        var processed = await Processor().ProcessAsync(stored);

        Assert.Equal(CallbackOutcome.Applied, processed.Callback.Outcome);
        Assert.Equal(VerificationStatus.Confirmed, payment.Verification!.Status);
        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal($"Callback {stored.Id} (TransactionStatusResult) Applied: ResultCode 0 for payment {payment.Id.Value}, verification Confirmed", entry.Message);
    }

    [Fact]
    public async Task ProcessStoredAsync_TransactionStatusAnotherWriterRecordedMeanwhile_IsLeftAsThatWriterRecordedIt()
    {
        var stored = StatusResult(VerificationRequested());
        var recordedByTheOther = InboundCallback.Receive(CallbackKind.TransactionStatusResult, "status", null, TestPayments.Now);
        recordedByTheOther.MarkMalformed(TestPayments.Now.AddSeconds(-1));
        _inbox.FindAsync(stored.Id, Arg.Any<CancellationToken>()).Returns(recordedByTheOther);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);

        var processed = await Processor().ProcessAsync(stored);

        Assert.Same(recordedByTheOther, processed.Callback);
        Assert.Equal(CallbackOutcome.Malformed, processed.Callback.Outcome);
        Assert.Null(processed.Payment);
        Assert.Empty(_logger.Entries);
    }
}
