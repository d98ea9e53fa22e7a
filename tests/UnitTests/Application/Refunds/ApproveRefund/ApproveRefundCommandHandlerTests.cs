using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Refunds.ApproveRefund;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.ApproveRefund;

public sealed class ApproveRefundCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now.AddHours(1));
    private readonly InMemoryPayments _payments = new();
    private readonly IRefundRepository _refunds = Substitute.For<IRefundRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IReversalGateway _gateway = Substitute.For<IReversalGateway>();
    private readonly RefundOptions _options = new() { Enabled = true };
    private readonly List<string> _events = [];
    private readonly Refund _held;

    public ApproveRefundCommandHandlerTests()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);
        payment.ApplyStkResult(TestPayments.Success(amount: 100), TestPayments.Now).Must();
        _payments.Add(payment);
        _held = Refund.Request(RefundId.New(), TestRefunds.Client, new RefundablePayment(payment.Id, PaymentStatus.Completed, 100, TestPayments.ReceiptNumber, 0),
            null, RefundReason.From(TestRefunds.Reason), null, allowPartial: false, TestPayments.Now, TestRefunds.Maker, awaitingApproval: true).Must();
        _refunds.UnitOfWork.Returns(_unitOfWork);
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add($"commit:{_held.Status}");
            return Task.CompletedTask;
        });
        _refunds.FindAsync(_held.Id, Arg.Any<CancellationToken>()).Returns(_held);
        _refunds.RefundedAmountAsync(Arg.Any<PaymentId>(), Arg.Any<CancellationToken>()).Returns(0);
        _inbox.ListUnmatchedAsync(Arg.Any<IReadOnlyList<CallbackKind>>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns([]);
        _gateway.RequestReversalAsync(Arg.Any<ReversalRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add("reverse");
            return new ReversalSubmission.Accepted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId);
        });
    }

    private ApproveRefundCommandHandler Handler()
    {
        var writer = new RefundWriter(_refunds, Mapping.Create(), _clock);
        var callbacks = new ReversalCallbackProcessor(_refunds, _inbox, Substitute.For<IReversalResultReader>(), _clock,
            NullLogger<ReversalCallbackProcessor>.Instance);
        var sender = new ReversalSender(_gateway, writer, callbacks, NullLogger<ReversalSender>.Instance);
        return new ApproveRefundCommandHandler(_refunds, _payments.Details, writer, sender, Options.Create(_options));
    }

    [Fact]
    public async Task Handle_BySomeoneElse_CommitsTheApprovalThenSendsOnce()
    {
        var outcome = (await Handler().Handle(new ApproveRefundCommand(_held.Id, TestRefunds.Checker), CancellationToken.None)).Must();

        Assert.Equal(RefundStatus.Pending, outcome.Refund.Status);
        Assert.Equal(["commit:Pending", "reverse", "commit:Pending"], _events);
        Assert.Equal((TestRefunds.Checker, _clock.GetUtcNow()), (_held.ApprovedBy, _held.ApprovedAt));
        Assert.Equal(TestRefunds.OriginatorConversationId, _held.OriginatorConversationId);
        await _gateway.Received(1).RequestReversalAsync(Arg.Is<ReversalRequest>(r => r.RefundId == _held.Id && r.Amount == 100), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_ByTheRequester_IsRefusedAndNothingIsSavedOrSent()
    {
        var result = await Handler().Handle(new ApproveRefundCommand(_held.Id, TestRefunds.Maker), CancellationToken.None);

        Assert.Equal("refund_approval_by_requester", result.Error?.Code);
        Assert.Empty(_events);
        Assert.Equal(RefundStatus.AwaitingApproval, _held.Status);
    }

    [Fact]
    public async Task Handle_RefundsTurnedOffMeanwhile_IsRefundsDisabledAndItStaysHeld()
    {
        _options.Enabled = false;

        var result = await Handler().Handle(new ApproveRefundCommand(_held.Id, TestRefunds.Checker), CancellationToken.None);

        Assert.Equal("refunds_disabled", result.Error?.Code);
        Assert.Empty(_events);
        Assert.Equal(RefundStatus.AwaitingApproval, _held.Status);
    }

    [Fact]
    public async Task Handle_AnotherRefundSucceededWhileItWaited_IsWithdrawnUnsentAsRefundExceedsPayment()
    {
        // A late success of an earlier refund (settled Failed, then proved Succeeded) refunded 60 of the 100 meanwhile.
        _refunds.RefundedAmountAsync(_held.PaymentId, Arg.Any<CancellationToken>()).Returns(60);

        var result = await Handler().Handle(new ApproveRefundCommand(_held.Id, TestRefunds.Checker), CancellationToken.None);

        Assert.Equal("refund_exceeds_payment", result.Error?.Code);
        Assert.Equal((RefundStatus.Failed, "refund_exceeds_payment", (Guid?)null), (_held.Status, _held.Failure?.Code, _held.OpenPaymentId));
        Assert.Equal(["commit:Failed"], _events);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }

    [Fact]
    public async Task Handle_UnknownRefund_IsRefundNotFound()
    {
        var result = await Handler().Handle(new ApproveRefundCommand(RefundId.New(), TestRefunds.Checker), CancellationToken.None);

        Assert.Equal("refund_not_found", result.Error?.Code);
        await _gateway.DidNotReceiveWithAnyArgs().RequestReversalAsync(default!, default);
    }
}
