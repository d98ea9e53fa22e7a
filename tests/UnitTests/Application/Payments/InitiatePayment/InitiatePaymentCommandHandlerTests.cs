using Ardalis.Specification;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.InitiatePayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
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
    private readonly List<Payment> _stored = [];
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
        _pushLimiter.AcquireAsync(Arg.Any<Msisdn>(), Arg.Any<CancellationToken>()).Returns(PushPermit.Granted);
    }

    [Fact]
    public async Task Handle_PhoneOverItsPushBudget_IsTooManyPushesAndNothingIsStoredOrSent()
    {
        _pushLimiter.AcquireAsync(Arg.Any<Msisdn>(), Arg.Any<CancellationToken>()).Returns(PushPermit.Refused(TimeSpan.FromMinutes(4)));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("too_many_pushes", result.Error!.Code);
        Assert.Equal(240, result.Error.RetryAfterSeconds);
        Assert.Contains("too many payment prompts", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    private static InitiatePaymentCommand Command(string phone = "0708 374 149", decimal amount = 150, string? description = "Shield plan",
        string reference = "INV-001") =>
        new(new ClientId("client-a"), phone, amount, reference, description, "key-1");

    private void GatewayAnswers(StkPushOutcome outcome) =>
        _gateway.SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>()).Returns(_ =>
        {
            _events.Add("push");
            return outcome;
        });

    private InitiatePaymentCommandHandler Handler() =>
        new(_payments, Pipeline.Writer(_payments, _clock), Pipeline.Sender(_payments, _gateway, _inbox, _reader, _clock), _pushLimiter, _clock);

    [Fact]
    public async Task Handle_AnyOutcome_CommitsPaymentBeforeCallingDaraja()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        (await Handler().Handle(Command(), CancellationToken.None)).Must();

        Assert.Equal(["add", "commit:Sending", "push", "commit:AwaitingCustomer"], _events);
    }

    [Fact]
    public async Task Handle_Command_SendsNormalisedPushRequest()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        (await Handler().Handle(Command(phone: "0708 374 149", amount: 150m), CancellationToken.None)).Must();

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

        (await Handler().Handle(Command(description: null), CancellationToken.None)).Must();

        await _gateway.Received(1).SendStkPushAsync(Arg.Is<StkPushRequest>(r => r.Description.Value == "Payment"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_Accepted_AttemptAwaitsCustomerAndAnswerIsCommitted()
    {
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.True(result.IsSuccess);
        var response = result.Value;
        Assert.Null(response.Error);
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
        Assert.Equal("mpesa_push_rejected", response.Error?.Code);
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
        Assert.Equal(errorCode, response.Error?.Code);
        Assert.Contains("never sent twice", response.Error!.Message, StringComparison.Ordinal);
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

        Assert.Equal("push_answer_not_recorded", result.Value.Error?.Code);
        Assert.Equal(_added!.Id.Value, result.Value.Payment.Id);
        Assert.Equal(5, commits); // the payment, then Daraja's answer tried four times over a few seconds
        await _gateway.Received(1).SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>());
    }

    // The idempotency replay: a repeated Idempotency-Key is answered from the first request's payment, never with a
    // second push. The stored payments are read through the real specification (in memory).

    [Fact]
    public async Task Handle_SameKeyAndSameBody_ReplaysFirstPaymentWithoutPushOrCommit()
    {
        var first = StoreFirst(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, TestPayments.Now).Must());

        // The same request, with the phone in another accepted form.
        var result = await Handler().Handle(Command(phone: "+254 708 374 149"), CancellationToken.None);

        var response = result.Value;
        Assert.True(response.Replayed);
        Assert.Null(response.Error);
        Assert.Equal(first.Id.Value, response.Payment.Id);
        Assert.Equal(AttemptStatus.AwaitingCustomer, Assert.Single(response.Payment.Attempts).Status);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
        await _pushLimiter.DidNotReceiveWithAnyArgs().AcquireAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameKeyAfterFirstPaymentCompleted_ReplaysTheCompletedPayment()
    {
        var first = StoreFirst(p =>
        {
            p.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, TestPayments.Now).Must();
            p.ApplyStkResult(TestPayments.Success(amount: 150), TestPayments.Now.AddSeconds(20)).Must();
        });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.True(result.Value.Replayed);
        Assert.Null(result.Value.Error);
        Assert.Equal(first.Id.Value, result.Value.Payment.Id);
        Assert.Equal(PaymentStatus.Completed, result.Value.Payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, result.Value.Payment.MpesaReceiptNumber);
    }

    [Fact]
    public async Task Handle_SameKeyWithoutDescriptionBothTimes_Replays()
    {
        StoreFirst(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, TestPayments.Now).Must(),
            description: null);

        var result = await Handler().Handle(Command(description: null), CancellationToken.None);

        Assert.True(result.Value.Replayed);
        Assert.Equal("Payment", result.Value.Payment.Description);
    }

    [Theory]
    [InlineData("0708374150", 150, "INV-001", "Shield plan", "phoneNumber")]
    [InlineData("0708374149", 151, "INV-001", "Shield plan", "amount")]
    [InlineData("0708374149", 150, "INV-002", "Shield plan", "accountReference")]
    [InlineData("0708374149", 150, "INV-001", "Other plan", "description")]
    public async Task Handle_SameKeyWithOneFieldChanged_IsKeyReusedNamingThatField(string phone, int amount, string reference, string description,
        string field)
    {
        StoreFirst(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, TestPayments.Now).Must());

        var result = await Handler().Handle(Command(phone, amount, description, reference), CancellationToken.None);

        Assert.Equal("idempotency_key_reused", result.Error?.Code);
        Assert.Equal(ErrorType.Mismatch, result.Error!.Type);
        Assert.Equal([field], result.Error.Fields);
        Assert.Contains(field, result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameKeyWithEveryFieldChanged_NamesAllFourFields()
    {
        StoreFirst(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, TestPayments.Now).Must());

        var result = await Handler().Handle(Command("0708374150", 151, "Other plan", "INV-002"), CancellationToken.None);

        Assert.Equal(["phoneNumber", "amount", "accountReference", "description"], result.Error?.Fields);
        Assert.EndsWith("these fields differ: phoneNumber, amount, accountReference, description.", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_SameKeyWhileFirstAttemptIsStillSending_IsKeyInUseWithoutPush()
    {
        StoreFirst(_ => { });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("idempotency_key_in_use", result.Error?.Code);
        Assert.Equal(ErrorType.Conflict, result.Error!.Type);
        Assert.Equal(1, result.Error.RetryAfterSeconds);
        Assert.Contains("still being processed", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(_events);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameKeyAfterFirstPushWasRejected_GivesThePushRejectedErrorAgain()
    {
        var first = StoreFirst(p => p.RecordPushRejected(1, new PushRejection("400.002.02", "Bad Request - Invalid PhoneNumber"), TestPayments.Now).Must());

        var result = await Handler().Handle(Command(), CancellationToken.None);

        var response = result.Value;
        Assert.True(response.Replayed);
        Assert.Equal(first.Id.Value, response.Payment.Id);
        Assert.Equal(PaymentStatus.Failed, response.Payment.Status);
        Assert.Equal("mpesa_push_rejected", response.Error?.Code);
        Assert.Equal(ErrorType.UpstreamRejected, response.Error!.Type);
        Assert.Contains("invalid_phone_number", response.Error.Message, StringComparison.Ordinal);
        Assert.Contains("400.002.02 Bad Request - Invalid PhoneNumber", response.Error.Message, StringComparison.Ordinal);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Theory]
    [InlineData(true, "mpesa_timeout", ErrorType.UpstreamTimeout)]
    [InlineData(false, "mpesa_unavailable", ErrorType.UpstreamUnavailable)]
    public async Task Handle_SameKeyAfterFirstPushGotNoAnswer_GivesTheSameNoAnswerErrorAgain(bool timedOut, string errorCode, ErrorType type)
    {
        StoreFirst(p => p.RecordPushOutcomeUnknown(1, timedOut ? NoAnswerReason.TimedOut : NoAnswerReason.Unreachable, TestPayments.Now).Must());

        var result = await Handler().Handle(Command(), CancellationToken.None);

        var response = result.Value;
        Assert.True(response.Replayed);
        Assert.Equal(PaymentStatus.Pending, response.Payment.Status);
        Assert.Equal(AttemptStatus.Unknown, Assert.Single(response.Payment.Attempts).Status);
        Assert.Equal(errorCode, response.Error?.Code);
        Assert.Equal(type, response.Error!.Type);
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_SameKeyAfterLostPushAnswerWasFoundByItsCallback_GivesNoError()
    {
        StoreFirst(p =>
        {
            p.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, TestPayments.Now).Must();
            p.AttachCheckoutRequestId(1, TestPayments.CheckoutRequestId, TestPayments.Now.AddSeconds(30)).Must();
        });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.True(result.Value.Replayed);
        Assert.Null(result.Value.Error);
    }

    [Fact]
    public async Task Handle_SameKeyFromAnotherClient_IsANewPaymentAndIsSent()
    {
        var others = StoreFirst(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, "ws_CO_other", TestPayments.Now).Must(), client: "client-b");
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.False(result.Value.Replayed);
        Assert.NotEqual(others.Id.Value, result.Value.Payment.Id);
        Assert.Equal(["add", "commit:Sending", "push", "commit:AwaitingCustomer"], _events);
    }

    [Fact]
    public async Task Handle_AnotherKeyOfTheSameClient_IsANewPaymentAndIsSent()
    {
        StoreFirst(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, "ws_CO_other", TestPayments.Now).Must(), key: "key-0");
        GatewayAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.False(result.Value.Replayed);
        Assert.Equal(["add", "commit:Sending", "push", "commit:AwaitingCustomer"], _events);
    }

    [Fact]
    public async Task Handle_KeyTakenByAConcurrentRequestAtCommit_ReplaysTheWinnerWithoutPush()
    {
        Payment? winner = null;
        AnswerLookupsFromStore();
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(_ =>
        {
            // The other request committed the same key between this one's lookup and its commit.
            winner = Stored(p => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, "ws_CO_winner", TestPayments.Now).Must());
            throw new DuplicateKeyException(UniqueKey.IdempotencyKey, new InvalidOperationException("unique index"));
        });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.True(result.Value.Replayed);
        Assert.Equal(winner!.Id.Value, result.Value.Payment.Id);
        Assert.Equal("ws_CO_winner", Assert.Single(result.Value.Payment.Attempts).CheckoutRequestId);
        _unitOfWork.Received(1).DiscardChanges();
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_KeyTakenAtCommitButWinnerNotReadable_IsKeyInUse()
    {
        AnswerLookupsFromStore();
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new DuplicateKeyException(UniqueKey.IdempotencyKey, new InvalidOperationException("unique index")));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("idempotency_key_in_use", result.Error?.Code);
        _unitOfWork.Received(1).DiscardChanges();
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_PhoneAlreadyHasAPushInFlightAtCommit_IsSubscriberBusyWithoutPush()
    {
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new DuplicateKeyException(UniqueKey.InFlightPhoneNumber, new InvalidOperationException("unique index")));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("subscriber_busy", result.Error?.Code);
        Assert.Equal(ErrorType.Conflict, result.Error!.Type);
        Assert.Equal(30, result.Error.RetryAfterSeconds);
        Assert.Contains("already has an M-Pesa prompt in flight", result.Error.Message, StringComparison.Ordinal);
        _unitOfWork.Received(1).DiscardChanges();
        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    [Fact]
    public async Task Handle_IdempotencyKeyDuplicateWithoutAKeyInTheRequest_IsNotAnsweredAsAReplay()
    {
        _unitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>())
            .ThrowsAsync(new DuplicateKeyException(UniqueKey.IdempotencyKey, new InvalidOperationException("unique index")));

        var result = await Handler().Handle(Command() with { IdempotencyKey = null }, CancellationToken.None);

        Assert.Equal("idempotency_key_in_use", result.Error?.Code);
        await _payments.DidNotReceiveWithAnyArgs().FindByIdempotencyKeyAsync(default!, default!, default);

        await _gateway.DidNotReceiveWithAnyArgs().SendStkPushAsync(default!, default);
    }

    /// <summary>Stores the first request's payment (key-1 of client-a, same body as <see cref="Command"/>) as <paramref name="settle"/> left it.</summary>
    private Payment StoreFirst(Action<Payment> settle, string client = TestPayments.Client, string key = "key-1", string? description = "Shield plan")
    {
        AnswerLookupsFromStore();
        return Stored(settle, client, key, description);
    }

    private Payment Stored(Action<Payment> settle, string client = TestPayments.Client, string key = "key-1", string? description = "Shield plan")
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId(client), key, Msisdn.Parse("0708374149"), new Amount(150),
            AccountReference.Parse("INV-001"), description is null ? Description.Default : Description.Parse(description), TestPayments.Now.AddMinutes(-1));
        settle(payment);
        payment.ClearDomainEvents();
        _stored.Add(payment);
        return payment;
    }

    private void AnswerLookupsFromStore() =>
        _payments.FindByIdempotencyKeyAsync(Arg.Any<ClientId>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => InMemorySpecificationEvaluator.Default.Evaluate(_stored, new PaymentByIdempotencyKeySpec(call.Arg<ClientId>(), call.ArgAt<string>(1)))
                .FirstOrDefault());

    [Theory]
    [InlineData(NoAnswerReason.TimedOut, "mpesa_timeout")]
    [InlineData(NoAnswerReason.Unreachable, "mpesa_unavailable")]
    public async Task Handle_SameRequestAgainAfterNoAnswer_GivesTheSameErrorAndNoSecondPush(NoAnswerReason reason, string errorCode)
    {
        GatewayAnswers(new StkPushOutcome.NoAnswer(reason));
        AnswerLookupsFromStore();
        var first = await Handler().Handle(Command(), CancellationToken.None);
        _stored.Add(_added!);

        var again = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal(errorCode, first.Value.Error?.Code);
        Assert.True(again.Value.Replayed);
        Assert.Equal(errorCode, again.Value.Error?.Code);
        await _gateway.Received(1).SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_NoCommand_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Handler().Handle(null!, CancellationToken.None).AsTask());
    }
}

