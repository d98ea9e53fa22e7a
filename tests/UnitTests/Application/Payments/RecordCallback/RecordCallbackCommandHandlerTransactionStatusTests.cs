using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.RecordCallback;

/// <summary>Transaction Status results and queue timeouts through the same handler and processor as STK callbacks.</summary>
public sealed class RecordCallbackCommandHandlerTransactionStatusTests
{
    private const string Body = """{"Result":{"ResultType":0,"ResultCode":0,"ConversationID":"AG_2"}}""";
    private static readonly DateTimeOffset AnsweredAt = TestPayments.Now.AddHours(1);

    private readonly FakeTimeProvider _clock = new(AnsweredAt);
    private readonly InMemoryPayments _store = new();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly ITransactionStatusResultReader _reader = Substitute.For<ITransactionStatusResultReader>();
    private readonly List<string> _events = [];
    private InboundCallback? _stored;

    public RecordCallbackCommandHandlerTransactionStatusTests()
    {
        _inbox.When(i => i.Add(Arg.Any<InboundCallback>())).Do(call =>
        {
            _stored = call.Arg<InboundCallback>();
            _events.Add($"store:{_stored.Body}");
        });
        _inbox.FindAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns(_ => _stored);
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add("commit");
            return Task.CompletedTask;
        });
    }

    private Task<RecordCallbackResponse> Record(bool timedOut = false, bool fromAllowedSource = true) =>
        new RecordCallbackCommandHandler(_store.Repository.UnitOfWork, _inbox,
                [Pipeline.Callbacks(_store.Repository, _inbox, Substitute.For<IStkCallbackReader>(), _clock, _reader)], _clock,
                NullLogger<RecordCallbackCommandHandler>.Instance)
            .Handle(new RecordCallbackCommand(timedOut ? CallbackKind.TransactionStatusTimeout : CallbackKind.TransactionStatusResult, Body,
                "196.201.214.200", fromAllowedSource), CancellationToken.None).AsTask();

    private void Reads(TransactionStatusReport report) =>
        _reader.TryRead(Body, Arg.Any<bool>(), out Arg.Any<TransactionStatusReport?>()).Returns(call =>
        {
            _events.Add("read");
            call[2] = report;
            return true;
        });

    private static TransactionStatusReport Report(string? conversationId = "AG_2", string? receipt = "RCPT000002", bool timedOut = false) =>
        new(conversationId, null, "0", "The service request is processed successfully.", receipt, 1m, "Completed", null, timedOut);

    private Payment Requested(string receipt, string crid, string conversationId)
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer(checkoutRequestId: crid));
        payment.ApplyStkResult(TestPayments.Success(receipt: receipt, checkoutRequestId: crid), TestPayments.Now.AddSeconds(20)).Must();
        Verification.Request(payment, conversationId, $"orig-{conversationId}", TestPayments.Now.AddMinutes(30)).Must();
        return payment;
    }

    [Fact]
    public async Task Handle_Result_StoresTheRawBodyBeforeReadingIt()
    {
        Requested("RCPT000002", "ws_CO_2", "AG_2");
        Reads(Report());

        await Record();

        Assert.Equal([$"store:{Body}", "commit", "read", "commit"], _events);
        Assert.Equal(CallbackKind.TransactionStatusResult, _stored!.Kind);
        Assert.Equal("196.201.214.200", _stored.RemoteAddress);
    }

    [Fact]
    public async Task Handle_ResultForARequestedVerification_ConfirmsThatPaymentOnly()
    {
        var other = Requested("RCPT000001", "ws_CO_1", "AG_1");
        var asked = Requested("RCPT000002", "ws_CO_2", "AG_2");
        Reads(Report());

        var response = await Record();

        Assert.Equal(VerificationStatus.Confirmed, asked.Verification!.Status);
        Assert.Equal(AnsweredAt, asked.Verification.AnsweredAt);
        Assert.Equal(VerificationStatus.Requested, other.Verification!.Status);
        Assert.Equal(CallbackOutcome.Applied, response.Outcome);
        Assert.Equal(asked.Id, _stored!.PaymentId);
    }

    [Fact]
    public async Task Handle_ResultWithUnknownConversationButKnownReceipt_IsRecordedOnThatPayment()
    {
        var payment = Requested("RCPT000002", "ws_CO_2", "AG_2");
        Reads(Report(conversationId: "AG_other"));

        var response = await Record();

        Assert.Equal(CallbackOutcome.Applied, response.Outcome);
        Assert.Equal(VerificationStatus.Confirmed, payment.Verification!.Status);
    }

    [Fact]
    public async Task Handle_ResultMatchingNoPayment_IsKeptUnmatched()
    {
        var payment = Requested("RCPT000001", "ws_CO_1", "AG_1");
        Reads(Report(conversationId: "AG_unknown", receipt: "RCPT999999"));

        var response = await Record();

        Assert.Equal(CallbackOutcome.Unmatched, response.Outcome);
        Assert.Equal(VerificationStatus.Requested, payment.Verification!.Status);
    }

    [Fact]
    public async Task Handle_UnreadableBody_IsKeptAsMalformed()
    {
        _reader.TryRead(Body, Arg.Any<bool>(), out Arg.Any<TransactionStatusReport?>()).Returns(false);

        var response = await Record();

        Assert.Equal(CallbackOutcome.Malformed, response.Outcome);
        Assert.Equal(CallbackOutcome.Malformed, _stored!.Outcome);
        Assert.Equal([$"store:{Body}", "commit", "commit"], _events);
    }

    [Fact]
    public async Task Handle_FromASourceNotAllowed_IsStoredButNeverRead()
    {
        var payment = Requested("RCPT000002", "ws_CO_2", "AG_2");
        Reads(Report());

        var response = await Record(fromAllowedSource: false);

        Assert.Equal(CallbackOutcome.SourceRejected, response.Outcome);
        Assert.Equal([$"store:{Body}", "commit"], _events);
        Assert.Equal(VerificationStatus.Requested, payment.Verification!.Status);
    }

    [Fact]
    public async Task Handle_QueueTimeout_IsStoredAsTimeoutAndRecordedAsTimedOut()
    {
        var payment = Requested("RCPT000002", "ws_CO_2", "AG_2");
        _reader.TryRead(Body, true, out Arg.Any<TransactionStatusReport?>()).Returns(call =>
        {
            call[2] = Report(timedOut: true);
            return true;
        });

        await Record(timedOut: true);

        Assert.Equal(CallbackKind.TransactionStatusTimeout, _stored!.Kind);
        Assert.Equal(VerificationStatus.TimedOut, payment.Verification!.Status);
        Assert.Null(payment.ReviewReason);
    }

    [Fact]
    public async Task Handle_ConcurrencyConflict_RecordsOnTheReloadedPayment()
    {
        Requested("RCPT000002", "ws_CO_2", "AG_2");
        Reads(Report());
        var commits = 0;
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(_ => ++commits == 2 ? Task.FromException(new ConcurrencyConflictException()) : Task.CompletedTask);

        var response = await Record();

        Assert.Equal(CallbackOutcome.Applied, response.Outcome);
        Assert.Equal(3, commits);
        _store.UnitOfWork.Received(1).DiscardChanges();
        await _inbox.Received(2).FindAsync(_stored!.Id, Arg.Any<CancellationToken>()); // each round reads it: tracked, then afresh
    }
}
