using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>What the reconciler asks of a payment: record a query without outcome, expire, attach a lost CheckoutRequestID.</summary>
public sealed class PaymentExpiryTests
{
    private static readonly DateTimeOffset Expiry = TestPayments.Now.AddMinutes(10);

    [Fact]
    public void RecordQueryAnswer_NoOutcomeForAnAwaitingAttempt_SchedulesNextQueryAndKeepsPending()
    {
        var payment = TestPayments.AwaitingCustomer();
        var at = TestPayments.Now.AddSeconds(31);

        var recorded = Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, at);

        Assert.True(recorded.IsSuccess);
        var attempt = payment.CurrentAttempt;
        Assert.Equal(1, attempt.QueryCount);
        Assert.Equal(at, attempt.LastQueriedAt);
        Assert.Equal(at.AddSeconds(15), attempt.NextQueryAt);
        Assert.Equal(AttemptStatus.AwaitingCustomer, attempt.Status);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.Failure);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void RecordQueryAnswer_UnknownAttempt_IsAttemptNotFound()
    {
        var payment = TestPayments.AwaitingCustomer();

        Assert.Equal("attempt_not_found", Reconciliation.RecordQueryAnswer(payment, 7, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, TestPayments.Now).Error!.Code);
    }

    [Fact]
    public void ExpireAttempt_AwaitingCustomer_ExpiresAttemptAndPaymentWithNoOutcome()
    {
        var payment = TestPayments.AwaitingCustomer();
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(31)).Must();

        var expired = Reconciliation.Expire(payment, 1, Expiry);

        Assert.True(expired.IsSuccess);
        var attempt = payment.CurrentAttempt;
        Assert.Equal(AttemptStatus.Expired, attempt.Status);
        Assert.Equal(ResultSource.Expiry, attempt.ResultSource);
        Assert.Equal(Expiry, attempt.CompletedAt);
        Assert.Null(attempt.NextQueryAt);
        Assert.Null(attempt.InFlightPhoneNumber); // the phone may be prompted again
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal(FailureCatalogue.NoOutcome, payment.Failure);
        Assert.Equal(new PaymentExpired(payment.Id, "no_outcome", Expiry), Assert.Single(payment.Raised()));
    }

    [Fact]
    public void ExpireAttempt_PushAnswerLost_ExpiresAsOutcomeUnknownNotRetriableAndFlagged()
    {
        var payment = TestPayments.New();
        payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, TestPayments.Now.AddSeconds(30)).Must();
        payment.ClearDomainEvents();

        Reconciliation.Expire(payment, 1, Expiry).Must();

        Assert.Equal(AttemptStatus.Expired, payment.CurrentAttempt.Status);
        Assert.Null(payment.CurrentAttempt.InFlightPhoneNumber);
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal("outcome_unknown", payment.Failure!.Code);
        Assert.False(payment.Failure.Retriable);
        Assert.Equal("outcome_unknown", payment.ReviewReason?.Code);
        Assert.Contains(payment.Raised(), e => e is PaymentFlaggedForReview { Reason.Code: "outcome_unknown" });
    }

    [Fact]
    public void ExpireAttempt_ProcessDiedWhileSending_ExpiresAsOutcomeUnknown()
    {
        var payment = TestPayments.New();

        Reconciliation.Expire(payment, 1, Expiry).Must();

        Assert.Equal("outcome_unknown", payment.Failure!.Code);
        Assert.Equal("outcome_unknown", payment.ReviewReason?.Code);
    }

    [Fact]
    public void ExpireAttempt_OutcomeUnknownOnAPaymentAlreadyFlagged_KeepsTheFirstReason()
    {
        var payment = TestPayments.New(amount: 100);
        payment.RecordReceiptConflict(TestPayments.Now.AddSeconds(5));

        Reconciliation.Expire(payment, 1, Expiry).Must();

        Assert.Equal("receipt_reused", payment.ReviewReason?.Code);
        Assert.Equal("outcome_unknown", payment.Failure!.Code);
    }

    [Fact]
    public void Retry_AfterOutcomeUnknown_IsRefusedUntilAcknowledged()
    {
        var payment = TestPayments.New();
        Reconciliation.Expire(payment, 1, Expiry).Must();

        var refused = payment.Retry(3, Expiry.AddMinutes(1));
        var acknowledged = payment.Retry(3, Expiry.AddMinutes(1), outcomeUnknownAcknowledged: true);

        Assert.Equal("outcome_unknown_not_acknowledged", refused.Error!.Code);
        Assert.Contains("may have reached the customer", refused.Error.Message, StringComparison.Ordinal);
        Assert.True(acknowledged.IsSuccess);
        Assert.Equal(2, payment.CurrentAttempt.Number);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void Retry_AfterNoOutcomeOfAPromptTheCustomerHad_NeedsNoAcknowledgement()
    {
        var payment = TestPayments.AwaitingCustomer();
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(31)).Must();
        Reconciliation.Expire(payment, 1, Expiry).Must();

        Assert.Equal("no_outcome", payment.Failure!.Code);
        Assert.True(payment.Retry(3, Expiry.AddMinutes(1)).IsSuccess);
    }

    [Fact]
    public void ExpireAttempt_PromptWhoseEveryQueryWentUnanswered_ExpiresAsOutcomeUnknown()
    {
        var payment = TestPayments.AwaitingCustomer();
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.Unanswered, ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(31)).Must();
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.Unanswered, ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(46)).Must();

        Reconciliation.Expire(payment, 1, Expiry).Must();

        Assert.Equal(2, payment.CurrentAttempt.QueryCount);
        Assert.Equal(0, payment.CurrentAttempt.AnsweredQueryCount);
        Assert.Equal("outcome_unknown", payment.Failure!.Code);
        Assert.False(payment.Failure.Retriable);
        Assert.Equal("outcome_unknown", payment.ReviewReason?.Code);
    }

    [Fact]
    public void RecordQueryAnswer_StillProcessingGivenAsAResultCode_SchedulesTheNextQueryLikeAnyStillProcessing()
    {
        var payment = TestPayments.AwaitingCustomer();

        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.Answered("4999", "still under processing"), ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(31)).Must();

        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal(1, payment.CurrentAttempt.AnsweredQueryCount);
        Assert.Equal(TestPayments.Now.AddSeconds(46), payment.CurrentAttempt.NextQueryAt);
    }

    [Fact]
    public void ExpireAttempt_SecondPaymentInTheSameUnitOfWork_GetsItsOwnFailureValue()
    {
        var first = TestPayments.AwaitingCustomer();
        var second = TestPayments.AwaitingCustomer();

        Reconciliation.Expire(first, 1, Expiry).Must();
        Reconciliation.Expire(second, 1, Expiry).Must();

        Assert.Equal(first.Failure, second.Failure);
        Assert.NotSame(first.Failure, second.Failure);
    }

    [Theory]
    [InlineData("1032", PaymentStatus.Cancelled, "cancelled_by_customer")]
    [InlineData("0", PaymentStatus.Completed, null)]
    public void ExpireAttempt_AttemptWithOutcome_ChangesNothing(string resultCode, PaymentStatus status, string? failureCode)
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(resultCode == "0" ? TestPayments.Success() : TestPayments.Failure(resultCode), TestPayments.Now.AddSeconds(20)).Must();
        payment.ClearDomainEvents();
        var version = payment.Version;

        var expired = Reconciliation.Expire(payment, 1, Expiry);

        Assert.True(expired.IsSuccess);
        Assert.Equal(status, payment.Status);
        Assert.Equal(failureCode, payment.Failure?.Code);
        Assert.NotEqual(AttemptStatus.Expired, payment.CurrentAttempt.Status);
        Assert.Equal(version, payment.Version);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void ExpireAttempt_UnknownAttempt_IsAttemptNotFound()
    {
        Assert.Equal("attempt_not_found", Reconciliation.Expire(TestPayments.AwaitingCustomer(), 2, Expiry).Error!.Code);
    }

    [Fact]
    public void ApplyStkResult_SuccessAfterExpiry_CompletesLate()
    {
        var payment = TestPayments.AwaitingCustomer();
        Reconciliation.Expire(payment, 1, Expiry).Must();
        payment.ClearDomainEvents();
        var late = Expiry.AddMinutes(3);

        var applied = payment.ApplyStkResult(TestPayments.Success(), late);

        Assert.Equal(StkResultApplication.Applied, applied.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.Failure);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal(ResultSource.Callback, payment.CurrentAttempt.ResultSource);
        Assert.Equal(new PaymentCompletedLate(payment.Id, PaymentStatus.Expired, TestPayments.ReceiptNumber, late), Assert.Single(payment.Raised()));
    }

    [Fact]
    public void ApplyStkResult_FailureAfterExpiry_KeepsTheExpiry()
    {
        var payment = TestPayments.AwaitingCustomer();
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(31)).Must();
        Reconciliation.Expire(payment, 1, Expiry).Must();

        var applied = payment.ApplyStkResult(TestPayments.Failure("1032"), Expiry.AddMinutes(1));

        Assert.Equal(StkResultApplication.Duplicate, applied.Value);
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Equal("no_outcome", payment.Failure!.Code);
    }

    [Theory]
    [InlineData("sending")]
    [InlineData("unknown")]
    [InlineData("expired from unknown")]
    public void AttemptAwaitingItsCheckoutRequestId_PushAnswerLost_IsThatAttempt(string state)
    {
        var payment = TestPayments.New();
        if (state != "sending")
        {
            payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, TestPayments.Now.AddSeconds(30)).Must();
        }

        if (state == "expired from unknown")
        {
            Reconciliation.Expire(payment, 1, Expiry).Must();
        }

        Assert.Same(payment.CurrentAttempt, payment.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId));
    }

    [Fact]
    public void AttemptAwaitingItsCheckoutRequestId_AcceptedOrRejectedPush_IsNone()
    {
        var accepted = TestPayments.AwaitingCustomer();
        var rejected = TestPayments.New();
        rejected.RecordPushRejected(1, new PushRejection("400.002.02", "Bad Request - Invalid PhoneNumber"), TestPayments.Now).Must();

        Assert.Null(accepted.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId));
        Assert.Null(rejected.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId));
    }

    [Fact]
    public void AttachCheckoutRequestId_LostPushAnswer_LetsItsCallbackCompleteThePayment()
    {
        var payment = TestPayments.New();
        payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, TestPayments.Now.AddSeconds(30)).Must();

        var attached = payment.AttachCheckoutRequestId(1, "ws_CO_found", TestPayments.Now.AddSeconds(40));
        var applied = payment.ApplyStkResult(TestPayments.Success(checkoutRequestId: "ws_CO_found"), TestPayments.Now.AddSeconds(41));

        Assert.True(attached.IsSuccess);
        Assert.Equal("ws_CO_found", payment.CurrentAttempt.CheckoutRequestId);
        Assert.Null(payment.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId));
        Assert.Equal(StkResultApplication.Applied, applied.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void AttachCheckoutRequestId_AttemptAlreadyHasOne_IsRefusedAndKeepsIt()
    {
        var payment = TestPayments.AwaitingCustomer();

        var attached = payment.AttachCheckoutRequestId(1, "ws_CO_other", TestPayments.Now.AddSeconds(40));

        Assert.Equal("attempt_not_sending", attached.Error!.Code);
        Assert.Equal(TestPayments.CheckoutRequestId, payment.CurrentAttempt.CheckoutRequestId);
    }
}
