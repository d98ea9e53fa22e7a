using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Payments.Contracts;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.VerifyPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.VerifyPayment;

public sealed class VerifyPaymentCommandHandlerTests
{
    private static readonly DateTimeOffset VerifiedAt = TestPayments.Now.AddHours(1);

    private readonly FakeTimeProvider _clock = new(VerifiedAt);
    private readonly InMemoryPayments _store = new();
    private readonly IMpesaGateway _gateway = Substitute.For<IMpesaGateway>();

    public VerifyPaymentCommandHandlerTests()
    {
        _gateway.RequestTransactionStatusAsync(Arg.Any<TransactionStatusRequest>(), Arg.Any<CancellationToken>())
            .Returns(new TransactionStatusOutcome.Accepted("AG_20210709_1234409f86436c583e3f", "1236-7134259-1"));
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new StkQueryOutcome.StillProcessing());
    }

    private Task<Result<PaymentOutcome>> Verify(Payment payment, string client = TestPayments.Client) =>
        new VerifyPaymentCommandHandler(_store.Repository, _gateway, Pipeline.Writer(_store.Repository, _clock), Options.Create(new ReconciliationOptions()))
            .Handle(new VerifyPaymentCommand(new ClientId(client), payment.Id), CancellationToken.None).AsTask();

    private Payment Completed()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());
        payment.ApplyStkResult(TestPayments.Success(), TestPayments.Now.AddSeconds(20)).Must();
        return payment;
    }

    [Fact]
    public async Task Handle_CompletedWithReceipt_AsksTransactionStatusAndStoresTheRequest()
    {
        var payment = Completed();

        var result = await Verify(payment);

        await _gateway.Received(1).RequestTransactionStatusAsync(new TransactionStatusRequest(payment.Id, TestPayments.ReceiptNumber), Arg.Any<CancellationToken>());
        await _gateway.DidNotReceiveWithAnyArgs().QueryStkPushAsync(default!, default);
        Assert.Equal(new Verification(VerificationStatus.Requested, VerifiedAt, "AG_20210709_1234409f86436c583e3f", "1236-7134259-1"), payment.Verification);
        await _store.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
        Assert.Null(result.Value!.Error);
        Assert.Equal(VerificationStatus.Requested, result.Value.Payment.Verification!.Status);
        Assert.Equal(PaymentStatus.Completed, result.Value.Payment.Status);
    }

    [Fact]
    public async Task Handle_TransactionStatusRefused_ReturnsTheRefusalAndStoresNoRequest()
    {
        var payment = Completed();
        _gateway.RequestTransactionStatusAsync(Arg.Any<TransactionStatusRequest>(), Arg.Any<CancellationToken>())
            .Returns(new TransactionStatusOutcome.Rejected("shield.not_configured", "Transaction Status needs Mpesa:Initiator."));

        var result = await Verify(payment);

        Assert.Equal("mpesa_verification_rejected", result.Value!.Error!.Code);
        Assert.Contains("shield.not_configured", result.Value.Error.Message, StringComparison.Ordinal);
        Assert.Null(payment.Verification);
    }

    [Fact]
    public async Task Handle_TransactionStatusTimedOut_ReturnsTimeout()
    {
        var payment = Completed();
        _gateway.RequestTransactionStatusAsync(Arg.Any<TransactionStatusRequest>(), Arg.Any<CancellationToken>())
            .Returns(new TransactionStatusOutcome.NoAnswer(NoAnswerReason.TimedOut));

        var result = await Verify(payment);

        Assert.Equal("mpesa_timeout", result.Value!.Error!.Code);
        Assert.Null(payment.Verification);
    }

    [Fact]
    public async Task Handle_PendingPayment_QueriesTheCurrentAttemptInstead()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());

        var result = await Verify(payment);

        await _gateway.Received(1).QueryStkPushAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>());
        await _gateway.DidNotReceiveWithAnyArgs().RequestTransactionStatusAsync(default!, default);
        Assert.Equal(PaymentStatus.Pending, result.Value!.Payment.Status);
        Assert.Equal(1, payment.CurrentAttempt.QueryCount);
        Assert.Null(result.Value.Error);
        Assert.Null(payment.Verification);
    }

    [Fact]
    public async Task Handle_PendingPaymentQueryAnswersPaid_CompletesWithoutReceipt()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new StkQueryOutcome.Known("0", "The service request is processed successfully."));

        var result = await Verify(payment);

        Assert.Equal(PaymentStatus.Completed, result.Value!.Payment.Status);
        Assert.Null(result.Value.Payment.MpesaReceiptNumber);
        await _store.UnitOfWork.Received(1).SaveChangesAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_PendingPaymentQueryUnanswered_ReturnsUnavailableAndStaysPending()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new StkQueryOutcome.NoAnswer(NoAnswerReason.Unreachable, null));

        var result = await Verify(payment);

        Assert.Equal("mpesa_unavailable", result.Value!.Error!.Code);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public async Task Handle_CompletedByQueryWithoutReceipt_QueriesRatherThanTransactionStatus()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());
        payment.ApplyStkResult(new StkResult(TestPayments.CheckoutRequestId, "0", "ok", null, ResultSource.Query), TestPayments.Now.AddSeconds(31)).Must();

        (await Verify(payment)).Must();

        await _gateway.Received(1).QueryStkPushAsync(TestPayments.CheckoutRequestId, Arg.Any<CancellationToken>());
        await _gateway.DidNotReceiveWithAnyArgs().RequestTransactionStatusAsync(default!, default);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Handle_AttemptWithoutCheckoutRequestId_IsNothingToVerifyWithoutCallingDaraja(bool answerLost)
    {
        var payment = _store.Add(TestPayments.New());
        if (answerLost)
        {
            payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, TestPayments.Now.AddSeconds(30)).Must();
        }

        var result = await Verify(payment);

        Assert.Equal("nothing_to_verify", result.Error!.Code);
        Assert.Empty(_gateway.ReceivedCalls());
        await _store.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task Handle_AnotherClientsPayment_IsNotFoundWithoutCallingDaraja()
    {
        var payment = Completed();

        var result = await Verify(payment, client: "client-b");

        Assert.Equal("payment_not_found", result.Error!.Code);
        Assert.Empty(_gateway.ReceivedCalls());
    }

    [Fact]
    public async Task Handle_CallbackCompletedThePaymentWhileItWasQueried_AnswersThePaymentAsNowStoredWithItsReceipt()
    {
        var payment = TestPayments.AwaitingCustomer();
        var paidMeanwhile = TestPayments.AwaitingCustomer(id: payment.Id);
        paidMeanwhile.ApplyStkResult(TestPayments.Success(), VerifiedAt.AddSeconds(-1)).Must();
        _store.Repository.FindAsync(payment.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(payment, paidMeanwhile);
        _gateway.QueryStkPushAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new StkQueryOutcome.Known("0", "The service request is processed successfully."));
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);

        var result = await Verify(payment);

        Assert.Equal(PaymentStatus.Completed, result.Value!.Payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, result.Value.Payment.MpesaReceiptNumber);
        Assert.Null(result.Value.Error);
    }

    [Fact]
    public async Task Handle_PaymentFlaggedWhileTransactionStatusWasAsked_AnswersThePaymentAsNowStored()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Success(), TestPayments.Now.AddSeconds(20)).Must();
        var flaggedMeanwhile = TestPayments.AwaitingCustomer(id: payment.Id);
        flaggedMeanwhile.ApplyStkResult(TestPayments.Success(), TestPayments.Now.AddSeconds(20)).Must();
        flaggedMeanwhile.RecordReceiptConflict(VerifiedAt.AddSeconds(-1));
        _store.Repository.FindAsync(payment.Id, Arg.Any<ClientId?>(), Arg.Any<CancellationToken>()).Returns(payment, flaggedMeanwhile);
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);

        var result = await Verify(payment);

        Assert.Equal(VerificationStatus.Requested, result.Value!.Payment.Verification!.Status);
        Assert.Equal("receipt_reused", result.Value.Payment.ReviewReason);
        Assert.Equal(VerificationStatus.Requested, flaggedMeanwhile.Verification!.Status);
    }
}
