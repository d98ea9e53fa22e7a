using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.Ports;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.InitiatePayment;

public sealed class InitiatePaymentCommandHandlerTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now);
    private readonly IPaymentRepository _payments = Substitute.For<IPaymentRepository>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly IStkCallbackReader _reader = Substitute.For<IStkCallbackReader>();
    private readonly IMpesaGateway _gateway = Substitute.For<IMpesaGateway>();
    private readonly IPushRateLimiter _pushLimiter = Substitute.For<IPushRateLimiter>();
    private readonly List<string> _events = [];
    private Payment? _added;

    public InitiatePaymentCommandHandlerTests()
    {
        _payments.UnitOfWork.Returns(_unitOfWork);
        _payments.When(p => p.Add(Arg.Any<Payment>())).Do(call =>
        {
            _added = call.Arg<Payment>();
            _events.Add("add");
        });
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add($"commit:{_added?.CurrentAttempt.Status}");
            return Task.CompletedTask;
        });
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([]);
        _pushLimiter.TryAcquire(Arg.Any<Msisdn>(), out Arg.Any<TimeSpan>()).Returns(true);
    }

    [Fact]
    public async Task Handle_PhoneOverItsPushBudget_IsTooManyPushesAndNothingIsStoredOrSent()
    {
        _pushLimiter.TryAcquire(Arg.Any<Msisdn>(), out Arg.Any<TimeSpan>()).Returns(call =>
        {
            call[1] = TimeSpan.FromMinutes(4);
            return false;
        });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("too_many_pushes", result.Error!.Code);
        Assert.Equal(240, result.Error.RetryAfterSeconds);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    private static InitiatePaymentCommand Command(string phone = "0708 374 149", decimal amount = 150, string? description = "Shield plan") =>
        new(new ClientId("client-a"), phone, amount, "INV-001", description, "key-1");

    private void GatewayAnswers(StkPushOutcome outcome) =>
        _gateway.SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add("push");
            return outcome;
        });

    private InitiatePaymentCommandHandler Handler() =>
        new(_payments, Pipeline.Sender(_payments, _gateway, _inbox, _reader, _clock), _pushLimiter, Mapping.Create(), _clock);

    [Fact]
    public async Task Handle_AnyOutcome_CommitsPaymentBeforeCallingDaraja()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal(["add", "commit:Sending", "push", "commit:AwaitingCustomer"], _events);
    }

    [Fact]
    public async Task Handle_Command_SendsNormalisedPushRequest()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        await Handler().Handle(Command(phone: "0708 374 149", amount: 150m), CancellationToken.None);

        await _gateway.Received(1).SendStkPushAsync(
            Arg.Is<StkPushRequest>(r => r.PhoneNumber.Value == "254708374149" && r.Amount.Value == 150
                && r.AccountReference.Value == "INV-001" && r.Description.Value == "Shield plan"
                && r.AttemptNumber == 1 && r.PaymentId == _added!.Id),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_NoDescription_SendsDefaultDescription()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        await Handler().Handle(Command(description: null), CancellationToken.None);

        await _gateway.Received(1).SendStkPushAsync(Arg.Is<StkPushRequest>(r => r.Description.Value == "Payment"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_Accepted_AttemptAwaitsCustomerAndAnswerIsCommitted()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        var response = result.Value;
        Assert.Null(response.PushError);
        Assert.Equal(_added!.Id.Value, response.Payment.Id);
        Assert.Equal(PaymentStatus.Pending, response.Payment.Status);
        Assert.Equal("254708374149", response.Payment.PhoneNumber);
        var attempt = Assert.Single(response.Payment.Attempts);
        Assert.Equal(AttemptStatus.AwaitingCustomer, attempt.Status);
        Assert.Equal(TestPayments.CheckoutRequestId, attempt.CheckoutRequestId);
        Assert.Equal(TestPayments.MerchantRequestId, attempt.MerchantRequestId);
        await _unitOfWork.Received(2).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_Rejected_PaymentFailsWithPushRejectedError()
    {
        GatewayAnswers(new StkPushOutcome.Rejected(new PushRejection("400.002.02", "Bad Request - Invalid PhoneNumber")));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        var response = result.Value;
        Assert.Equal("mpesa_push_rejected", response.PushError?.Code);
        Assert.Equal(PaymentStatus.Failed, response.Payment.Status);
        Assert.Equal("invalid_phone_number", response.Payment.Failure?.Code);
        Assert.Equal(AttemptStatus.Rejected, Assert.Single(response.Payment.Attempts).Status);
        Assert.Equal(["add", "commit:Sending", "push", "commit:Rejected"], _events);
    }

    [Theory]
    [InlineData(NoAnswerReason.TimedOut, "mpesa_timeout")]
    [InlineData(NoAnswerReason.Unreachable, "mpesa_unavailable")]
    public async Task Handle_NoAnswer_AttemptUnknownPaymentPendingAndNeverResent(NoAnswerReason reason, string errorCode)
    {
        GatewayAnswers(new StkPushOutcome.NoAnswer(reason));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        var response = result.Value;
        Assert.Equal(errorCode, response.PushError?.Code);
        Assert.Equal(PaymentStatus.Pending, response.Payment.Status);
        Assert.Null(response.Payment.Failure);
        Assert.Equal(AttemptStatus.Unknown, Assert.Single(response.Payment.Attempts).Status);
        await _gateway.Received(1).SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>());
        Assert.Equal(["add", "commit:Sending", "push", "commit:Unknown"], _events);
    }

    [Fact]
    public async Task Handle_CallbackArrivedBeforeAnswerWasCommitted_AppliesIt()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));
        var early = InboundCallback.Receive(CallbackKind.StkCallback, "{}", null, TestPayments.Now);
        early.MarkUnmatched(TestPayments.CheckoutRequestId, TestPayments.Now);
        _inbox.ListUnmatchedAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns([early]);
        _inbox.FindAsync(early.Id, Arg.Any<CancellationToken>()).Returns(early);
        _payments.FindByCheckoutRequestIdAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>()).Returns(_ => _added);
        _reader.TryRead("{}", out Arg.Any<StkResult?>()).Returns(call =>
        {
            call[1] = TestPayments.Success(amount: 150);
            return true;
        });

        var result = await Handler().Handle(Command(amount: 150), CancellationToken.None);

        Assert.Equal(PaymentStatus.Completed, result.Value.Payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, result.Value.Payment.MpesaReceiptNumber);
        Assert.Equal(CallbackOutcome.Applied, early.Outcome);
        await _gateway.Received(1).SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_DatabaseStaysDownWhenDarajasAnswerArrives_AnswersUnavailableWithThePaymentAndNeverResends()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));
        var commits = 0;
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ => ++commits == 1
            ? Task.CompletedTask
            : Task.FromException(new DatabaseUnavailableException("down")));
        _payments.FindAsync(Arg.Any<PaymentId>(), Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(_ => _added);

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("push_answer_not_recorded", result.Value.PushError?.Code);
        Assert.Equal(_added!.Id.Value, result.Value.Payment.Id);
        Assert.Equal(5, commits); // the payment, then Daraja's answer tried four times over a few seconds
        await _gateway.Received(1).SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>());
    }
}
