using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.RetryPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.RetryPayment;

public sealed class RetryPaymentCommandHandlerTests
{
    private static readonly DateTimeOffset RetriedAt = TestPayments.Now.AddMinutes(3);

    private readonly FakeTimeProvider _clock = new(RetriedAt);
    private readonly InMemoryPayments _store = new();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();
    private readonly IMpesaGateway _gateway = Substitute.For<IMpesaGateway>();
    private readonly IPushRateLimiter _pushLimiter = Substitute.For<IPushRateLimiter>();
    private readonly List<string> _events = [];
    private Payment? _payment;

    public RetryPaymentCommandHandlerTests()
    {
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([]);
        _pushLimiter.AcquireAsync(Arg.Any<Msisdn>(), Arg.Any<CancellationToken>()).Returns(PushPermit.Granted);
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add($"commit:{_payment?.CurrentAttempt.Number}:{_payment?.CurrentAttempt.Status}");
            return Task.CompletedTask;
        });
        _gateway.SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            _events.Add($"push:{call.Arg<StkPushRequest>().AttemptNumber}");
            return new StkPushOutcome.Accepted("m-2", "ws_CO_retry");
        });
    }

    private RetryPaymentCommandHandler Handler(int maxAttempts = 3) =>
        new(Pipeline.Writer(_store.Repository, _clock), Pipeline.Sender(_store.Repository, _gateway, _inbox, _reader, _clock), _pushLimiter,
            Options.Create(new PaymentOptions { MaxAttempts = maxAttempts }));

    private Payment Cancelled()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Failure("1032"), TestPayments.Now.AddSeconds(20)).Must();
        _payment = _store.Add(payment);
        return payment;
    }

    private Task<Result<PaymentOutcome>> Retry(Payment payment, string client = TestPayments.Client) =>
        Handler().Handle(new RetryPaymentCommand(new ClientId(client), payment.Id), CancellationToken.None).AsTask();

    [Fact]
    public async Task Handle_CancelledPayment_CommitsTheNewAttemptInSendingBeforePushingIt()
    {
        var payment = Cancelled();

        var result = await Retry(payment);

        Assert.True(result.IsSuccess);
        Assert.Equal(["commit:2:Sending", "push:2", "commit:2:AwaitingCustomer"], _events);
        var details = result.Value!.Payment;
        Assert.Equal(PaymentStatus.Pending, details.Status);
        Assert.Null(details.Failure);
        Assert.Equal(2, details.Attempts.Count);
        Assert.Null(result.Value.Error);
        Assert.Equal("ws_CO_retry", payment.CurrentAttempt.CheckoutRequestId);
    }

    [Fact]
    public async Task Handle_PushRejected_ReturnsTheFailedPaymentWithThePushError()
    {
        var payment = Cancelled();
        _gateway.SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>())
            .Returns(new StkPushOutcome.Rejected(new PushRejection("400.002.02", "Bad Request - Invalid PhoneNumber")));

        var result = await Retry(payment);

        Assert.Equal("mpesa_push_rejected", result.Value!.Error!.Code);
        Assert.Equal(PaymentStatus.Failed, result.Value.Payment.Status);
        Assert.Equal("invalid_phone_number", payment.Failure!.Code);
    }

    [Fact]
    public async Task Handle_PendingPayment_IsRefusedWithoutCommitOrPush()
    {
        _payment = _store.Add(TestPayments.AwaitingCustomer());

        var result = await Retry(_payment);

        Assert.Equal("payment_not_retriable", result.Error!.Code);
        Assert.Empty(_events);
        Assert.Single(_payment.Attempts);
        await _pushLimiter.DidNotReceiveWithAnyArgs().AcquireAsync(default!, default);
    }

    [Fact]
    public async Task Handle_CompletedPayment_IsRefusedWithoutCommitOrPush()
    {
        _payment = _store.Add(TestPayments.AwaitingCustomer());
        _payment.ApplyStkResult(TestPayments.Success(), TestPayments.Now.AddSeconds(20)).Must();

        var result = await Retry(_payment);

        Assert.Equal("payment_not_retriable", result.Error!.Code);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Handle_TooManyAttempts_IsRefusedWithoutCommitOrPush()
    {
        var payment = Cancelled();

        var result = await Handler(maxAttempts: 1).Handle(new RetryPaymentCommand(new ClientId(TestPayments.Client), payment.Id), CancellationToken.None);

        Assert.Equal("too_many_attempts", result.Error!.Code);
        Assert.Empty(_events);
        Assert.Single(payment.Attempts);
    }

    [Fact]
    public async Task Handle_TooManyAttempts_DoesNotSpendThePhonesPushBudget()
    {
        var payment = Cancelled();

        var refused = await Handler(maxAttempts: 1).Handle(new RetryPaymentCommand(new ClientId(TestPayments.Client), payment.Id), CancellationToken.None);

        Assert.Equal("too_many_attempts", refused.Error?.Code);
        await _pushLimiter.DidNotReceiveWithAnyArgs().AcquireAsync(default!, default);
    }

    [Fact]
    public async Task Handle_PhoneOverItsPushBudget_IsTooManyPushesWithoutNewAttempt()
    {
        var payment = Cancelled();
        _pushLimiter.AcquireAsync(Arg.Any<Msisdn>(), Arg.Any<CancellationToken>()).Returns(PushPermit.Refused(TimeSpan.FromMinutes(20)));

        var result = await Retry(payment);

        Assert.Equal("too_many_pushes", result.Error!.Code);
        Assert.Equal(1200, result.Error.RetryAfterSeconds);
        Assert.Empty(_events);
        Assert.Single(payment.Attempts);
    }

    [Fact]
    public async Task Handle_PhoneHasAnotherPaymentsPushInFlight_IsSubscriberBusyWithoutPush()
    {
        var payment = Cancelled();
        var asStored = CancelledCopyOf(payment);
        _store.Repository.FindAsync(payment.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(payment, payment, asStored); // the first load only finds that the retry would push (budget first)
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new DuplicateKeyException(UniqueKey.InFlightPhoneNumber, new InvalidOperationException("unique index"))));

        var result = await Retry(payment);

        Assert.Equal("subscriber_busy", result.Error!.Code);
        _store.UnitOfWork.Received(3).DiscardChanges(); // the budget-first look, then decided once more on the payment as stored: still busy
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_ConcurrentRetryOfTheSamePaymentHoldsThePhone_IsNotRetriableLikeOnEveryEngine()
    {
        var payment = Cancelled();
        var retriedByTheOther = CancelledCopyOf(payment);
        retriedByTheOther.Retry(3, RetriedAt).Must();
        _store.Repository.FindAsync(payment.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(payment, payment, retriedByTheOther); // the first load only finds that the retry would push (budget first)
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new DuplicateKeyException(UniqueKey.InFlightPhoneNumber, new InvalidOperationException("unique index"))));

        var result = await Retry(payment);

        Assert.Equal("payment_not_retriable", result.Error!.Code);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_ConcurrencyConflict_DecidesAgainOnTheReloadedPaymentAndSpendsOnePush()
    {
        var payment = Cancelled();
        var retriedByTheOther = CancelledCopyOf(payment);
        retriedByTheOther.Retry(3, RetriedAt).Must();
        _store.Repository.FindAsync(payment.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(payment, payment, retriedByTheOther); // the first load only finds that the retry would push (budget first)
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()));

        var result = await Retry(payment);

        Assert.Equal("payment_not_retriable", result.Error!.Code);
        await _pushLimiter.ReceivedWithAnyArgs(1).AcquireAsync(default!, default);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_ConcurrencyConflictWhenThePhoneHasNoPushLeft_StillRetriesOnTheOnePushItTook()
    {
        var payment = Cancelled();
        var reloaded = CancelledCopyOf(payment);
        _store.Repository.FindAsync(payment.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(payment, payment, reloaded); // the first load only finds that the retry would push (budget first)
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);
        _pushLimiter.AcquireAsync(Arg.Any<Msisdn>(), Arg.Any<CancellationToken>()).Returns(PushPermit.Granted, PushPermit.Refused(TimeSpan.FromMinutes(1))); // the budget had one push left

        var result = await Retry(payment);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Value.Payment.Attempts.Count);
        await _pushLimiter.ReceivedWithAnyArgs(1).AcquireAsync(default!, default);
        await _gateway.Received(1).SendStkPushAsync(Arg.Is<StkPushRequest>(r => r.AttemptNumber == 2), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_PaymentWhoseLastOutcomeIsUnknown_IsRefusedUnlessAcknowledged()
    {
        var payment = _store.Add(TestPayments.New());
        Reconciliation.Expire(payment, 1, TestPayments.Now.AddMinutes(11)).Must();
        _payment = payment;

        var refused = await Retry(payment);
        var acknowledged = await Handler().Handle(new RetryPaymentCommand(new ClientId(TestPayments.Client), payment.Id, AcknowledgeOutcomeUnknown: true),
            CancellationToken.None);

        Assert.Equal("outcome_unknown_not_acknowledged", refused.Error!.Code);
        Assert.True(acknowledged.IsSuccess);
        Assert.Equal(["commit:2:Sending", "push:2", "commit:2:AwaitingCustomer"], _events);
        await _gateway.ReceivedWithAnyArgs(1).SendStkPushAsync(default!, default);
    }

    /// <summary>The payment as another reader loads it from the database: a separate instance in the same state.</summary>
    private static Payment CancelledCopyOf(Payment payment)
    {
        var copy = TestPayments.AwaitingCustomer(id: payment.Id);
        copy.ApplyStkResult(TestPayments.Failure("1032"), TestPayments.Now.AddSeconds(20)).Must();
        return copy;
    }

    [Fact]
    public async Task Handle_AnotherClientsPayment_IsNotFound()
    {
        var payment = Cancelled();

        var result = await Retry(payment, client: "client-b");

        Assert.Equal("payment_not_found", result.Error!.Code);
        Assert.Empty(_events);
        Assert.Single(payment.Attempts);
    }
}
