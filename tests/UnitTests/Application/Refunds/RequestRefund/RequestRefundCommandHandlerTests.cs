using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Ports;
using Shield.Application.Refunds.RequestRefund;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.RequestRefund;

public sealed class RequestRefundCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now);
    private readonly InMemoryPayments _payments = new();
    private readonly IRefundRepository _refunds = Substitute.For<IRefundRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IReversalGateway _gateway = Substitute.For<IReversalGateway>();
    private readonly RefundOptions _options = new() { Enabled = true, AllowPartial = true, MaxPerClientPerDay = 5 };
    private readonly List<Refund> _stored = [];
    private readonly List<string> _events = [];
    private int _requestedToday;

    public RequestRefundCommandHandlerTests()
    {
        _refunds.UnitOfWork.Returns(_unitOfWork);
        _refunds.When(r => r.Add(Arg.Any<Refund>())).Do(call =>
        {
            _stored.Add(call.Arg<Refund>());
            _events.Add("add");
        });
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add($"commit:{_stored.LastOrDefault()?.Status}");
            return Task.CompletedTask;
        });
        _refunds.FindAsync(Arg.Any<RefundId>(), Arg.Any<CancellationToken>()).Returns(call => _stored.Find(r => r.Id == call.Arg<RefundId>()));
        _refunds.FindByIdempotencyKeyAsync(Arg.Any<ClientId>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => _stored.Find(r => r.ClientId == call.Arg<ClientId>() && r.IdempotencyKey == call.ArgAt<string>(1)));
        _refunds.RefundedAmountAsync(Arg.Any<PaymentId>(), Arg.Any<CancellationToken>())
            .Returns(call => _stored.Where(r => r.PaymentId == call.Arg<PaymentId>() && r.Status == RefundStatus.Succeeded).Sum(r => r.Amount));
        _refunds.CountRequestedSinceAsync(Arg.Any<ClientId>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(_ => _requestedToday);
        _inbox.ListUnmatchedAsync(Arg.Any<IReadOnlyList<CallbackKind>>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns([]);
    }

    private Payment CompletedPayment(int amount = 100, string client = TestPayments.Client)
    {
        var payment = TestPayments.AwaitingCustomer(amount: amount, client: client);
        payment.ApplyStkResult(TestPayments.Success(amount: amount), TestPayments.Now).Must();
        payment.ClearDomainEvents();
        return _payments.Add(payment);
    }

    private static RequestRefundCommand Command(Payment payment, long? amount = null, string reason = TestRefunds.Reason, string? key = TestRefunds.Key,
        string client = TestPayments.Client) =>
        new(new ClientId(client), payment.Id, amount, reason, key);

    private void GatewayAnswers(ReversalSubmission answer) =>
        _gateway.RequestReversalAsync(Arg.Any<ReversalRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add("reverse");
            return answer;
        });

    private static ReversalSubmission.Accepted Accepted => new(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId);

    private RequestRefundCommandHandler Handler()
    {
        var mapping = Mapping.Create();
        var writer = new RefundWriter(_refunds, mapping, _clock);
        var callbacks = new ReversalCallbackProcessor(_refunds, _inbox, Substitute.For<IReversalResultReader>(), _clock,
            NullLogger<ReversalCallbackProcessor>.Instance);
        var sender = new ReversalSender(_gateway, writer, callbacks, NullLogger<ReversalSender>.Instance);
        return new RequestRefundCommandHandler(_refunds, _payments.Details, writer, sender, Options.Create(_options), _clock);
    }

    [Fact]
    public async Task Handle_RefundsDisabled_IsRefundsDisabledAndNothingIsStoredOrSent()
    {
        _options.Enabled = false;
        var payment = CompletedPayment();

        var result = await Handler().Handle(Command(payment), CancellationToken.None);

        Assert.Equal("refunds_disabled", result.Error?.Code);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_AnotherClientsPayment_IsPaymentNotFoundAndNothingIsSent()
    {
        var payment = CompletedPayment(client: "client-b");

        var result = await Handler().Handle(Command(payment, client: "client-a"), CancellationToken.None);

        Assert.Equal("payment_not_found", result.Error?.Code);
        Assert.Equal(ErrorType.NotFound, result.Error!.Type);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Theory]
    [InlineData("2026-11-27T09:00:00Z", "2026-11-26T21:00:00Z", 43_200)] // noon in Nairobi: 12 hours to midnight
    [InlineData("2026-11-27T22:30:00Z", "2026-11-27T21:00:00Z", 81_000)] // 01:30 in Nairobi, already the next day there
    [InlineData("2026-11-27T20:59:59Z", "2026-11-26T21:00:00Z", 1)]
    public async Task Handle_DailyLimitReached_IsRefundLimitReachedUntilTheNextEastAfricaMidnight(string now, string dayStart, int retryAfter)
    {
        _clock.SetUtcNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        _requestedToday = _options.MaxPerClientPerDay;
        var payment = CompletedPayment();

        var result = await Handler().Handle(Command(payment), CancellationToken.None);

        Assert.Equal("refund_limit_reached", result.Error?.Code);
        Assert.Equal(ErrorType.RateLimited, result.Error!.Type);
        Assert.Equal(retryAfter, result.Error.RetryAfterSeconds);
        await _refunds.Received(1).CountRequestedSinceAsync(new ClientId(TestPayments.Client),
            DateTimeOffset.Parse(dayStart, System.Globalization.CultureInfo.InvariantCulture), Arg.Any<CancellationToken>());
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_OneBelowTheDailyLimit_IsRefunded()
    {
        _requestedToday = _options.MaxPerClientPerDay - 1;
        GatewayAnswers(Accepted);

        var result = await Handler().Handle(Command(CompletedPayment()), CancellationToken.None);

        Assert.True(result.IsSuccess);
        await _gateway.ReceivedWithAnyArgs(1).RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameRequestAgainWithItsKey_AnswersTheFirstRefundAndNeverReversesTwice()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment();
        var first = (await Handler().Handle(Command(payment), CancellationToken.None)).Must();

        var replay = (await Handler().Handle(Command(payment), CancellationToken.None)).Must();

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(first.Refund.Id, replay.Refund.Id);
        Assert.Single(_stored);
        await _gateway.ReceivedWithAnyArgs(1).RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameKeyOtherReasonAndAmount_IsIdempotencyKeyReusedNamingThoseFields()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment(amount: 100);
        (await Handler().Handle(Command(payment, amount: 100), CancellationToken.None)).Must();

        var result = await Handler().Handle(Command(payment, amount: 40, reason: "Wrong amount charged"), CancellationToken.None);

        Assert.Equal("idempotency_key_reused", result.Error?.Code);
        Assert.Equal(ErrorType.Mismatch, result.Error!.Type);
        Assert.Equal(["amount", "reason"], result.Error.Fields);
        await _gateway.ReceivedWithAnyArgs(1).RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameKeyForAnotherPayment_IsIdempotencyKeyReusedNamingPaymentId()
    {
        GatewayAnswers(Accepted);
        (await Handler().Handle(Command(CompletedPayment()), CancellationToken.None)).Must();

        var result = await Handler().Handle(Command(CompletedPayment()), CancellationToken.None);

        Assert.Equal(["paymentId"], result.Error?.Fields);
        await _gateway.ReceivedWithAnyArgs(1).RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_DarajaRefusesTheRequest_AnswersTheRefundFailedAsRejected()
    {
        GatewayAnswers(new ReversalSubmission.Rejected("400.002.02", "Bad Request - Invalid TransactionID"));

        var outcome = (await Handler().Handle(Command(CompletedPayment()), CancellationToken.None)).Must();

        Assert.Equal(RefundStatus.Failed, outcome.Refund.Status);
        Assert.Equal("reversal_request_rejected", outcome.Refund.Failure!.Code);
        Assert.Equal("400.002.02", outcome.Refund.Failure.ResultCode);
        Assert.Equal("Bad Request - Invalid TransactionID", outcome.Refund.Failure.ResultDescription);
        Assert.Equal(["add", "commit:Pending", "reverse", "commit:Failed"], _events);
    }

    [Fact]
    public async Task Handle_NoAnswerFromDaraja_AnswersTheRefundUnknownForAPerson()
    {
        GatewayAnswers(new ReversalSubmission.NoAnswer(ReversalNoAnswer.TimedOut));

        var outcome = (await Handler().Handle(Command(CompletedPayment()), CancellationToken.None)).Must();

        Assert.Equal(RefundStatus.Unknown, outcome.Refund.Status);
        Assert.Equal("outcome_unknown", outcome.Refund.ReviewReason);
        Assert.Null(outcome.Refund.Failure);
        Assert.Equal(["add", "commit:Pending", "reverse", "commit:Unknown"], _events);
    }

    [Fact]
    public async Task Handle_Accepted_IsPendingWithTheConversationIdsCommittedAfterTheRefundWasStored()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment(amount: 100);

        var outcome = (await Handler().Handle(Command(payment), CancellationToken.None)).Must();

        Assert.Equal(RefundStatus.Pending, outcome.Refund.Status);
        Assert.Equal(payment.Id.Value, outcome.Refund.PaymentId);
        Assert.Equal(100, outcome.Refund.Amount);
        Assert.Equal(TestRefunds.Reason, outcome.Refund.Reason);
        var stored = Assert.Single(_stored);
        Assert.Equal(outcome.Refund.Id, stored.Id.Value);
        Assert.Equal(TestRefunds.ConversationId, stored.ConversationId);
        Assert.Equal(TestRefunds.OriginatorConversationId, stored.OriginatorConversationId);
        Assert.Equal(TestPayments.Now, stored.SubmittedAt);
        Assert.Equal(["add", "commit:Pending", "reverse", "commit:Pending"], _events);
    }

    [Fact]
    public async Task Handle_RequiresApproval_StoresItAwaitingApprovalWithWhoAskedAndSendsNothing()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment(amount: 100);

        var outcome = (await Handler().Handle(Command(payment, key: null) with { RequestedBy = TestRefunds.Maker, RequiresApproval = true },
            CancellationToken.None)).Must();

        Assert.Equal(RefundStatus.AwaitingApproval, outcome.Refund.Status);
        var stored = Assert.Single(_stored);
        Assert.Equal((TestRefunds.Maker, payment.Id.Value), (stored.RequestedBy, stored.OpenPaymentId));
        Assert.Equal(["add", "commit:AwaitingApproval"], _events);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_ThroughTheApi_IsRequestedByTheClient()
    {
        GatewayAnswers(Accepted);

        (await Handler().Handle(Command(CompletedPayment()), CancellationToken.None)).Must();

        Assert.Equal($"client:{TestPayments.Client}", Assert.Single(_stored).RequestedBy);
    }

    [Theory]
    [InlineData(null, TestRefunds.Reason, 100, TestRefunds.Reason)]
    [InlineData(30L, "x", 30, "Refund: x")]
    public async Task Handle_NewRefund_ReversesThePaymentsReceiptOnceWithTheAmountAndTheReasonsRemarks(long? amount, string reason, int sent,
        string remarks)
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment(amount: 100);

        (await Handler().Handle(Command(payment, amount: amount, reason: reason), CancellationToken.None)).Must();

        var refund = Assert.Single(_stored);
        await _gateway.Received(1).RequestReversalAsync(
            Arg.Is<ReversalRequest>(r => r.RefundId == refund.Id && r.ReceiptNumber == TestPayments.ReceiptNumber && r.Amount == sent && r.Remarks == remarks),
            Arg.Any<CancellationToken>());
        await _gateway.ReceivedWithAnyArgs(1).RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_PaymentAlreadyFullyRefunded_IsRefundExceedsPaymentAndNothingIsSent()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment(amount: 100);
        var earlier = Refund.Request(RefundId.New(), TestRefunds.Client, new RefundablePayment(payment.Id, PaymentStatus.Completed, 100,
            TestPayments.ReceiptNumber, 0), null, RefundReason.From("Earlier"), "other-key", allowPartial: false, TestPayments.Now).Must();
        earlier.RecordSubmitted("AG_1", "1-1", TestPayments.Now);
        earlier.ApplyResult(TestRefunds.Result(), TestPayments.Now);
        _stored.Add(earlier);

        var result = await Handler().Handle(Command(payment), CancellationToken.None);

        Assert.Equal("refund_exceeds_payment", result.Error?.Code);
        Assert.Equal("This payment is already fully refunded.", result.Error!.Message);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_AnotherRefundSucceedsBetweenTheChecksAndTheCommit_IsWithdrawnUnsentAsRefundExceedsPayment()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment(amount: 100);
        // The sum is read before the insert (nothing refunded yet), then again after it: by then a refund of 60 that was
        // open when the sum was read has succeeded.
        _refunds.RefundedAmountAsync(payment.Id, Arg.Any<CancellationToken>()).Returns(0, 60);

        var result = await Handler().Handle(Command(payment), CancellationToken.None);

        Assert.Equal("refund_exceeds_payment", result.Error?.Code);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
        var withdrawn = Assert.Single(_stored);
        Assert.Equal(RefundStatus.Failed, withdrawn.Status);
        Assert.Equal("refund_exceeds_payment", withdrawn.Failure!.Code);
        Assert.Null(withdrawn.OpenPaymentId);
    }

    [Fact]
    public async Task Handle_PaymentNotCompleted_IsPaymentNotRefundable()
    {
        var payment = _payments.Add(TestPayments.AwaitingCustomer());

        var result = await Handler().Handle(Command(payment), CancellationToken.None);

        Assert.Equal("payment_not_refundable", result.Error?.Code);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Handle_AnotherRefundOfThePaymentIsOpen_IsRefundInProgressAndNothingIsSent()
    {
        GatewayAnswers(Accepted);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new DuplicateKeyException(UniqueKey.OpenRefund, new InvalidOperationException("unique index")));

        var result = await Handler().Handle(Command(CompletedPayment()), CancellationToken.None);

        Assert.Equal("refund_in_progress", result.Error?.Code);
        Assert.Equal(30, result.Error!.RetryAfterSeconds);
        _unitOfWork.Received(1).DiscardChanges();
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_KeyClaimedByAConcurrentSameRequest_AnswersThatRefundReplayedAndSendsNothing()
    {
        GatewayAnswers(Accepted);
        var payment = CompletedPayment();
        var winner = Refund.Request(RefundId.New(), TestRefunds.Client, new RefundablePayment(payment.Id, PaymentStatus.Completed, 100,
            TestPayments.ReceiptNumber, 0), null, RefundReason.From(TestRefunds.Reason), TestRefunds.Key, allowPartial: false, TestPayments.Now).Must();
        // The first look finds no refund with the key; the insert then loses to the concurrent request, which has committed by the second look.
        _refunds.FindByIdempotencyKeyAsync(Arg.Any<ClientId>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(null, winner);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new DuplicateKeyException(UniqueKey.IdempotencyKey, new InvalidOperationException("unique index")));

        var outcome = (await Handler().Handle(Command(payment), CancellationToken.None)).Must();

        Assert.True(outcome.Replayed);
        Assert.Equal(winner.Id.Value, outcome.Refund.Id);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }
}
