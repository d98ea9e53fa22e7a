using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.RecordCallback;

public sealed class RecordCallbackCommandHandlerTests
{
    private const string Body = """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0}}}""";

    private readonly FakeTimeProvider _clock = new(TestPayments.Now);
    private readonly IPaymentRepository _payments = Substitute.For<IPaymentRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();
    private readonly List<string> _events = [];
    private readonly RecordingLogger<RecordCallbackCommandHandler> _logger = new();
    private InboundCallback? _stored;
    private InboundCallback? _tracked;

    public RecordCallbackCommandHandlerTests()
    {
        _payments.UnitOfWork.Returns(_unitOfWork);
        _inbox.When(i => i.Add(Arg.Any<InboundCallback>())).Do(call =>
        {
            _stored = _tracked = call.Arg<InboundCallback>();
            _events.Add($"store:{_stored.Body}");
        });
        // Read back by id: the instance the unit of work tracks, as EF gives it; after a conflict discarded it, the row as
        // the database still holds it (a new instance, still Received).
        _unitOfWork.When(u => u.DiscardChanges()).Do(_ => _tracked = null);
        _inbox.FindAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>())
            .Returns(_ => _tracked ??= InboundCallback.Receive(_stored!.Kind, _stored.Body, _stored.RemoteAddress, _stored.ReceivedAt));
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([]);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add($"commit:{_stored?.Outcome}");
            return Task.CompletedTask;
        });
    }

    private void ReaderReads(StkResult result) =>
        _reader.TryRead(Arg.Any<string>(), out Arg.Any<StkResult?>()).Returns(call =>
        {
            _events.Add("read");
            call[1] = result;
            return true;
        });

    private RecordCallbackCommandHandler Handler() =>
        new(_payments.UnitOfWork, _inbox, [Pipeline.Callbacks(_payments, _inbox, _reader, _clock)], _clock, _logger);

    private static RecordCallbackCommand Stk(string body, string? remoteAddress = null, bool fromAllowedSource = true) =>
        new(CallbackKind.StkCallback, body, remoteAddress, fromAllowedSource);

    [Fact]
    public async Task Handle_AnyBody_IsStoredAndCommittedBeforeItIsRead()
    {
        ReaderReads(TestPayments.Success());
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(TestPayments.AwaitingCustomer());

        await Handler().Handle(Stk(Body, "196.201.214.200"), CancellationToken.None);

        Assert.Equal([$"store:{Body}", "commit:Received", "read", "commit:Applied"], _events);
        Assert.Equal("196.201.214.200", _stored?.RemoteAddress);
    }

    [Fact]
    public async Task Handle_Success_CompletesPaymentAndRecordsApplied()
    {
        ReaderReads(TestPayments.Success());
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(payment);

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Applied, response.Outcome);
        Assert.Equal(_stored?.Id, response.CallbackId);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(payment.Id, _stored?.PaymentId);
        await _payments.Received(1).FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_UnreadableBody_IsMalformedAndTouchesNoPayment()
    {
        _reader.TryRead(Arg.Any<string>(), out Arg.Any<StkResult?>()).Returns(false);

        var response = await Handler().Handle(Stk("<html>"), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Malformed, response.Outcome);
        Assert.Equal(["store:<html>", "commit:Received", "commit:Malformed"], _events);
        await _payments.DidNotReceiveWithAnyArgs().FindByCheckoutRequestIdAsync(default!, default);
    }

    [Fact]
    public async Task Handle_UnknownCheckoutRequestId_IsKeptAsUnmatched()
    {
        ReaderReads(TestPayments.Success(checkoutRequestId: "ws_CO_not_yet_known"));
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((Payment?)null);

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Unmatched, response.Outcome);
        Assert.Equal("ws_CO_not_yet_known", _stored?.CheckoutRequestId);
        Assert.Null(_stored?.PaymentId);
        // Looked up, and looked up once more after the commit (the push's answer may have been committed meanwhile).
        await _payments.Received(2).FindByCheckoutRequestIdAsync("ws_CO_not_yet_known", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_DuplicateCallback_IsRecordedAsDuplicate()
    {
        ReaderReads(TestPayments.Success());
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Success(), TestPayments.Now).Must();
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(payment);

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Duplicate, response.Outcome);
    }

    [Fact]
    public async Task Handle_ConcurrencyConflict_DiscardsReloadsAndAppliesToFreshPayment()
    {
        ReaderReads(TestPayments.Success());
        var id = PaymentId.New();
        var loaded = new List<Payment>();
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var fresh = TestPayments.AwaitingCustomer(id: id);
            loaded.Add(fresh);
            return fresh;
        });
        var saves = 0;
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => ++saves == 2
            ? Task.FromException(new ConcurrencyConflictException("another writer"))
            : Task.CompletedTask);

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Applied, response.Outcome);
        _unitOfWork.Received(1).DiscardChanges();
        Assert.Equal(2, loaded.Count);
        Assert.Equal(PaymentStatus.Completed, loaded[1].Status);
        Assert.Equal(3, saves);
        await _inbox.Received(2).FindAsync(_stored!.Id, Arg.Any<CancellationToken>()); // each round reads it: tracked, then afresh
    }

    [Fact]
    public async Task Handle_ConflictEveryTime_GivesUpButAcknowledgesTheStoredBody()
    {
        ReaderReads(TestPayments.Success());
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(_ => TestPayments.AwaitingCustomer());
        var saves = 0;
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => ++saves == 1
            ? Task.CompletedTask
            : Task.FromException(new ConcurrencyConflictException("another writer")));

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        // The raw body was committed first, so nothing Safaricom sent is lost: it stays Received for the reconciler, and
        // Safaricom is acknowledged. The handler tried a bounded number of times.
        Assert.Equal(CallbackOutcome.Received, response.Outcome);
        Assert.Equal(1 + ConflictRetry.MaxRecordRounds, saves);
    }

    [Fact]
    public async Task Handle_PushAnswerCommittedWhileTheCallbackWasStored_IsAppliedRightAway()
    {
        ReaderReads(TestPayments.Success());
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((Payment?)null, payment, payment);

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Applied, response.Outcome);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public async Task Handle_ReceiptAnotherPaymentHolds_FlagsThisPaymentWithoutApplyingIt()
    {
        ReaderReads(TestPayments.Success());
        var payment = TestPayments.AwaitingCustomer();
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => TestPayments.AwaitingCustomer(id: payment.Id), _ => payment);
        var saves = 0;
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => ++saves == 2
            ? Task.FromException(new DuplicateKeyException(UniqueKey.MpesaReceiptNumber, new InvalidOperationException("unique index")))
            : Task.CompletedTask);

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.FlaggedForReview, response.Outcome);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal("receipt_reused", payment.ReviewReason?.Code);
        _unitOfWork.Received(1).DiscardChanges(); // the refused receipt is forgotten before the payment is flagged
    }

    [Fact]
    public async Task Handle_FromASourceNotAllowed_IsStoredButNeverRead()
    {
        ReaderReads(TestPayments.Success());

        var response = await Handler().Handle(Stk(Body, fromAllowedSource: false), CancellationToken.None);

        Assert.Equal(CallbackOutcome.SourceRejected, response.Outcome);
        Assert.Equal([$"store:{Body}", "commit:SourceRejected"], _events);
        await _payments.DidNotReceiveWithAnyArgs().FindByCheckoutRequestIdAsync(default!, default);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Callback {response.CallbackId} (StkCallback) SourceRejected: its sender is outside Mpesa:CallbackAllowedIps; kept, not applied", warning.Message);
    }

    [Fact]
    public async Task Handle_DatabaseFailsAfterTheBodyIsStored_AnswersReceivedSoSafaricomIsAcknowledged()
    {
        ReaderReads(TestPayments.Success());
        _payments.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<Payment?>(new DatabaseUnavailableException("down")));

        var response = await Handler().Handle(Stk(Body), CancellationToken.None);

        Assert.Equal(CallbackOutcome.Received, response.Outcome);
        Assert.Equal([$"store:{Body}", "commit:Received", "read"], _events);
        _unitOfWork.Received(1).DiscardChanges(); // nothing half-applied is saved by a later commit of this request
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Callback {response.CallbackId} (StkCallback) is stored, but applying it failed (DatabaseUnavailableException); the reconciler will apply it",
            warning.Message);
    }

    [Fact]
    public async Task Handle_DatabaseDownWhenStoring_Throws()
    {
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new DatabaseUnavailableException("down")));

        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => Handler().Handle(Stk(Body), CancellationToken.None).AsTask());
        _reader.DidNotReceiveWithAnyArgs().TryRead(default!, out _);
    }
}
