using Ardalis.Specification;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.RecordStkCallback;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.RecordStkCallback;

public sealed class UnmatchedCallbackApplierTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now);
    private readonly IPaymentRepository _payments = Substitute.For<IPaymentRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();

    public UnmatchedCallbackApplierTests() => _payments.UnitOfWork.Returns(_unitOfWork);

    private UnmatchedCallbackApplier Applier() => new(_payments, _inbox, _reader, _clock);

    private static InboundCallback Waiting(string body)
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, body, null, TestPayments.Now);
        callback.MarkUnmatched(TestPayments.CheckoutRequestId, TestPayments.Now);
        return callback;
    }

    [Fact]
    public async Task ApplyAsync_WaitingCallbacks_AppliesThemInOrderAndCommitsOnce()
    {
        var cancelled = Waiting("cancelled");
        var paid = Waiting("paid");
        _inbox.ListUnmatchedAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns([cancelled, paid]);
        var payment = TestPayments.AwaitingCustomer();
        _payments.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>()).Returns(payment);
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

        var result = await Applier().ApplyAsync(TestPayments.CheckoutRequestId, CancellationToken.None);

        Assert.Same(payment, result);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(CallbackOutcome.Applied, cancelled.Outcome);
        Assert.Equal(CallbackOutcome.Applied, paid.Outcome);
        Assert.Equal(payment.Id, paid.PaymentId);
        await _unitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ApplyAsync_UnreadableWaitingCallback_IsMarkedMalformed()
    {
        var garbage = Waiting("garbage");
        _inbox.ListUnmatchedAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns([garbage]);
        var payment = TestPayments.AwaitingCustomer();
        _payments.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>()).Returns(payment);
        _reader.TryRead("garbage", out Arg.Any<StkResult?>()).Returns(false);

        await Applier().ApplyAsync(TestPayments.CheckoutRequestId, CancellationToken.None);

        Assert.Equal(CallbackOutcome.Malformed, garbage.Outcome);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public async Task ApplyAsync_NothingWaiting_ReturnsNullWithoutCommitting()
    {
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([]);

        var result = await Applier().ApplyAsync(TestPayments.CheckoutRequestId, CancellationToken.None);

        Assert.Null(result);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
        await _payments.DidNotReceiveWithAnyArgs().FirstOrDefaultAsync(default!, default);
    }

    [Fact]
    public async Task ApplyAsync_AttemptStillUnknown_LeavesCallbacksWaiting()
    {
        var waiting = Waiting("paid");
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([waiting]);
        _payments.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>()).Returns((Payment?)null);

        var result = await Applier().ApplyAsync(TestPayments.CheckoutRequestId, CancellationToken.None);

        Assert.Null(result);
        Assert.Equal(CallbackOutcome.Unmatched, waiting.Outcome);
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task ApplyAsync_ConcurrencyConflict_DiscardsAndAppliesToReloadedPayment()
    {
        var id = PaymentId.New();
        var loaded = new List<Payment>();
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(_ => [Waiting("paid")]);
        _payments.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            var fresh = TestPayments.AwaitingCustomer(id: id);
            loaded.Add(fresh);
            return fresh;
        });
        _reader.TryRead("paid", out Arg.Any<StkResult?>()).Returns(call =>
        {
            call[1] = TestPayments.Success();
            return true;
        });
        var saves = 0;
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => ++saves == 1
            ? Task.FromException(new ConcurrencyConflictException("another writer"))
            : Task.CompletedTask);

        var result = await Applier().ApplyAsync(TestPayments.CheckoutRequestId, CancellationToken.None);

        _unitOfWork.Received(1).DiscardChanges();
        Assert.Equal(2, loaded.Count);
        Assert.Same(loaded[1], result);
        Assert.Equal(PaymentStatus.Completed, result?.Status);
    }
}
