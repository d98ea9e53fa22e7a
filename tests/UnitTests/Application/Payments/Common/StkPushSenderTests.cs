using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Common;

/// <summary>
/// The push and the record of Daraja's answer, shared by initiation and retry. The payment the sender is given is the one
/// its caller committed; <see cref="InMemoryPayments"/> holds the payment as another writer left it, read again after a conflict.
/// </summary>
public sealed class StkPushSenderTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now.AddMinutes(5));
    private readonly InMemoryPayments _store = new();
    private readonly IMpesaGateway _gateway = Substitute.For<IMpesaGateway>();
    private readonly ICallbackInbox _inbox = Substitute.For<ICallbackInbox>();
    private readonly RecordingLogger<StkPushSender> _logger = new();

    public StkPushSenderTests()
    {
        _inbox.ListUnmatchedAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns([]);
    }

    private StkPushSender Sender() =>
        Pipeline.Sender(_store.Repository, _gateway, _inbox, Substitute.For<IStkCallbackReader>(), _clock, _logger);

    private void DarajaAnswers(StkPushOutcome outcome) =>
        _gateway.SendStkPushAsync(Arg.Any<StkPushRequest>(), Arg.Any<CancellationToken>()).Returns(outcome);

    private void FirstSaveLosesARace() =>
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()), Task.CompletedTask);

    /// <summary>Attempt 1 expired (1037), attempt 2 committed in Sending: what a retry hands the sender.</summary>
    private static Payment Retried(PaymentId id)
    {
        var payment = TestPayments.AwaitingCustomer(id: id, checkoutRequestId: "ws_CO_first");
        payment.ApplyStkResult(TestPayments.Failure("1037", "DS timeout user cannot be reached", "ws_CO_first"), TestPayments.Now.AddSeconds(40)).Must();
        Assert.True(payment.Retry(3, TestPayments.Now.AddMinutes(5)).IsSuccess);
        payment.ClearDomainEvents();
        return payment;
    }

    [Fact]
    public async Task SendAsync_LateSuccessOfAnEarlierAttemptSavedMeanwhile_RecordsTheAnswerOnThePaymentAsItNowStandsAndReturnsIt()
    {
        var id = PaymentId.New();
        var sent = Retried(id);
        var completedMeanwhile = _store.Add(Retried(id));
        completedMeanwhile.ApplyStkResult(TestPayments.Success(checkoutRequestId: "ws_CO_first"), TestPayments.Now.AddMinutes(5).AddSeconds(1)).Must();
        DarajaAnswers(new StkPushOutcome.Accepted("m-2", "ws_CO_second"));
        FirstSaveLosesARace();

        var outcome = await Sender().SendAsync(sent);

        Assert.Null(outcome.Error);
        Assert.Equal(PaymentStatus.Completed, outcome.Payment.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, outcome.Payment.Attempts[^1].Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, completedMeanwhile.CurrentAttempt.Status);
        Assert.Equal("ws_CO_second", completedMeanwhile.CurrentAttempt.CheckoutRequestId);
    }

    [Fact]
    public async Task SendAsync_StrayCallbackMatchedToTheAttemptUnderAnotherId_FlagsThePaymentAndLogsBothIds()
    {
        var id = PaymentId.New();
        var sent = TestPayments.New(id: id);
        var matchedMeanwhile = _store.Add(TestPayments.New(id: id));
        Assert.True(matchedMeanwhile.AttachCheckoutRequestId(1, "ws_CO_stray", TestPayments.Now.AddSeconds(2)).IsSuccess);
        DarajaAnswers(new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, "ws_CO_named"));
        FirstSaveLosesARace();

        var outcome = await Sender().SendAsync(sent);

        Assert.Equal("push_answer_mismatch", outcome.Payment.ReviewReason);
        Assert.Equal(ReviewReason.PushAnswerMismatch, matchedMeanwhile.ReviewReason);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Daraja named the push of payment {id.Value} attempt 1 CheckoutRequestID ws_CO_named, but a stray callback was matched to it as ws_CO_stray: flagged for review",
            warning.Message);
    }

    [Theory]
    [InlineData(true, "(Accepted, CheckoutRequestID ws_CO_kept)")]
    [InlineData(false, "(NoAnswer, CheckoutRequestID -)")]
    public async Task SendAsync_DatabaseStaysDown_AnswersNotRecordedAndLogsWhatDarajaSaidAsAnError(bool accepted, string said)
    {
        var payment = _store.Add(TestPayments.New());
        DarajaAnswers(accepted ? new StkPushOutcome.Accepted(TestPayments.MerchantRequestId, "ws_CO_kept") : new StkPushOutcome.NoAnswer(NoAnswerReason.TimedOut));
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new DatabaseUnavailableException("down")));

        var outcome = await Sender().SendAsync(payment);

        Assert.Equal(payment.Id.Value, outcome.Payment.Id);
        Assert.Equal("push_answer_not_recorded", outcome.Error?.Code);
        var error = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal($"Daraja's answer to the push of payment {payment.Id.Value} attempt 1 {said} could not be recorded: the database failed", error.Message);
    }
}
