using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Later = TestPayments.Now.AddSeconds(30);

    [Fact]
    public void Initiate_NewPayment_IsPendingWithAttemptOneSending()
    {
        var id = PaymentId.New();

        var payment = Payment.Initiate(id, new ClientId("client-a"), "key-1", Msisdn.Parse("0708374149"), new Amount(150),
            AccountReference.Parse("INV-001"), Description.Parse("Shield plan"), TestPayments.Now);

        Assert.Equal(id, payment.Id);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal("254708374149", payment.PhoneNumber.Value);
        Assert.Equal(150, payment.Amount.Value);
        Assert.Equal("KES", payment.Currency);
        Assert.Equal(TestPayments.Now, payment.CreatedAt);
        var attempt = Assert.Single(payment.Attempts);
        Assert.Equal(1, attempt.Number);
        Assert.Equal(AttemptStatus.Sending, attempt.Status);
        Assert.Same(attempt, payment.CurrentAttempt);
        var initiated = Assert.IsType<PaymentInitiated>(Assert.Single(payment.Raised()));
        Assert.Equal(new PaymentInitiated(id, 1, TestPayments.Now), initiated);
    }

    [Fact]
    public void RecordPushAccepted_SendingAttempt_AwaitsCustomerWithCheckoutRequestId()
    {
        var payment = TestPayments.New();

        var result = payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        var attempt = payment.CurrentAttempt;
        Assert.Equal(AttemptStatus.AwaitingCustomer, attempt.Status);
        Assert.Equal(TestPayments.CheckoutRequestId, attempt.CheckoutRequestId);
        Assert.Equal(TestPayments.MerchantRequestId, attempt.MerchantRequestId);
        Assert.Equal(Later, attempt.SentAt);
    }

    [Fact]
    public void RecordPushAccepted_UnknownAttemptNumber_ReturnsAttemptNotFound()
    {
        var payment = TestPayments.New();

        var result = payment.RecordPushAccepted(2, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, Later);

        Assert.Equal("attempt_not_found", result.Error?.Code);
    }

    [Fact]
    public void RecordPushAccepted_SameAnswerAgain_ChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();
        var version = payment.Version;

        var result = payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(version, payment.Version);
        Assert.Null(payment.ReviewReason);
    }

    [Fact]
    public void RecordPushAccepted_AttemptMatchedToAnotherPushByPhoneAndAmount_KeepsItsIdAndFlagsTheMismatch()
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, "ws_CO_other", Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(TestPayments.CheckoutRequestId, payment.CurrentAttempt.CheckoutRequestId);
        Assert.Equal(ReviewReason.PushAnswerMismatch, payment.ReviewReason);
        Assert.True(payment.IsHeldForReview);
    }

    [Fact]
    public void RecordPushAccepted_OnAPaymentAnEarlierAttemptCompletedMeanwhile_RecordsTheAnswerOnTheAttempt()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Failure("1037"), Later).Must();
        payment.Retry(3, Later).Must();
        payment.ApplyStkResult(TestPayments.Success(), Later.AddSeconds(1)).Must();
        Assert.Equal(PaymentStatus.Completed, payment.Status);

        var result = payment.RecordPushAccepted(2, "m-2", "ws_CO_second", Later.AddSeconds(2));

        Assert.True(result.IsSuccess);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal("ws_CO_second", payment.CurrentAttempt.CheckoutRequestId);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void RecordPushAccepted_AttemptExpiredBeforeTheAnswerCame_TakesTheIdsSoALateSuccessIsMatched()
    {
        var payment = TestPayments.New();
        Reconciliation.Expire(payment, 1, Later.AddMinutes(10)).Must();

        payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, Later.AddMinutes(11)).Must();
        var late = payment.ApplyStkResult(TestPayments.Success(), Later.AddMinutes(12));

        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal(StkResultApplication.Applied, late.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void RecordPushAccepted_AfterUnknownOutcome_AwaitsCustomer()
    {
        var payment = TestPayments.New();
        payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, Later).Must();

        var result = payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
    }

    [Fact]
    public void RecordPushRejected_SubscriberLocked_FailsRetriablyAsSubscriberBusy()
    {
        var payment = TestPayments.New();
        payment.ClearDomainEvents();

        var result = payment.RecordPushRejected(1,
            new PushRejection("500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber"), Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal(AttemptStatus.Rejected, payment.CurrentAttempt.Status);
        Assert.Equal("500.001.1001", payment.CurrentAttempt.ResultCode);
        var failure = Assert.IsType<PaymentFailure>(payment.Failure);
        Assert.Equal("subscriber_busy", failure.Code);
        Assert.Equal("500.001.1001", failure.ResultCode);
        Assert.True(failure.Retriable);
        var failed = Assert.IsType<PaymentFailed>(Assert.Single(payment.Raised()));
        Assert.Equal("subscriber_busy", failed.FailureCode);
    }

    [Fact]
    public void RecordPushRejected_InvalidPhoneNumber_FailsAsInvalidPhoneNumber()
    {
        var payment = TestPayments.New();

        payment.RecordPushRejected(1, new PushRejection("400.002.02", "Bad Request - Invalid PhoneNumber"), Later).Must();

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("invalid_phone_number", payment.Failure?.Code);
        Assert.False(payment.Failure?.Retriable);
    }

    [Fact]
    public void RecordPushRejected_AttemptAlreadyAccepted_ChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.RecordPushRejected(1, new PushRejection("400.002.02", "Bad Request - Invalid PhoneNumber"), Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.Failure);
    }

    [Fact]
    public void RecordPushOutcomeUnknown_SendingAttempt_StaysPendingWithAttemptUnknown()
    {
        var payment = TestPayments.New();

        var result = payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, Later);

        Assert.True(result.IsSuccess);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.Unknown, payment.CurrentAttempt.Status);
        Assert.Null(payment.Failure);
        Assert.Single(payment.Attempts);
    }

    [Fact]
    public void RecordPushOutcomeUnknown_AttemptWhoseCallbackWasMatchedFirst_IsLeftAsItIs()
    {
        var payment = TestPayments.New();
        payment.AttachCheckoutRequestId(1, TestPayments.CheckoutRequestId, Later).Must();
        payment.ApplyStkResult(TestPayments.Success(), Later).Must();
        var version = payment.Version;

        var result = payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, Later.AddSeconds(1));

        Assert.True(result.IsSuccess);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal(version, payment.Version);
    }

    [Fact]
    public void ApplyStkResult_Success_CompletesWithReceipt()
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.ApplyStkResult(TestPayments.Success(), Later);

        Assert.Equal(StkResultApplication.Applied, result.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Equal(Later, payment.CompletedAt);
        Assert.Null(payment.ReviewReason);
        var attempt = payment.CurrentAttempt;
        Assert.Equal(AttemptStatus.Succeeded, attempt.Status);
        Assert.Equal("0", attempt.ResultCode);
        Assert.Equal(TestPayments.ReceiptNumber, attempt.ReceiptNumber);
        Assert.Equal(1m, attempt.PaidAmount);
        Assert.Equal(new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), attempt.PaidAt);
        var completed = Assert.IsType<PaymentCompleted>(Assert.Single(payment.Raised()));
        Assert.Equal(new PaymentCompleted(payment.Id, TestPayments.ReceiptNumber, Later), completed);
    }

    [Fact]
    public void ApplyStkResult_DuplicateSuccess_IsDuplicateAndChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Success(), Later).Must();
        payment.ClearDomainEvents();
        var version = payment.Version;
        var updatedAt = payment.UpdatedAt;

        var result = payment.ApplyStkResult(TestPayments.Success(receipt: "OTHER12345"), Later.AddMinutes(1));

        Assert.Equal(StkResultApplication.Duplicate, result.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Equal(version, payment.Version);
        Assert.Equal(updatedAt, payment.UpdatedAt);
        Assert.Empty(payment.Raised());
    }

    [Theory]
    [InlineData("1032", PaymentStatus.Cancelled, AttemptStatus.Cancelled, "cancelled_by_customer")]
    [InlineData("1031", PaymentStatus.Cancelled, AttemptStatus.Cancelled, "cancelled_by_customer")]
    [InlineData("1037", PaymentStatus.Expired, AttemptStatus.Expired, "customer_unreachable")]
    [InlineData("1019", PaymentStatus.Expired, AttemptStatus.Expired, "transaction_expired")]
    [InlineData("1", PaymentStatus.Failed, AttemptStatus.Failed, "insufficient_funds")]
    [InlineData("2001", PaymentStatus.Failed, AttemptStatus.Failed, "wrong_pin")]
    [InlineData("SFC_IC0003", PaymentStatus.Failed, AttemptStatus.Failed, "not_permitted")]
    [InlineData("77777", PaymentStatus.Failed, AttemptStatus.Failed, "payment_failed")]
    public void ApplyStkResult_FailureCode_SettlesWithCataloguedFailure(string resultCode, PaymentStatus status, AttemptStatus attemptStatus, string failureCode)
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.ApplyStkResult(TestPayments.Failure(resultCode, "whatever the prose says"), Later);

        Assert.Equal(StkResultApplication.Applied, result.Value);
        Assert.Equal(status, payment.Status);
        Assert.Equal(attemptStatus, payment.CurrentAttempt.Status);
        Assert.Equal(resultCode, payment.CurrentAttempt.ResultCode);
        Assert.Equal("whatever the prose says", payment.CurrentAttempt.ResultDescription);
        Assert.Equal(failureCode, payment.Failure?.Code);
        Assert.Equal(resultCode, payment.Failure?.ResultCode);
        IDomainEvent expected = status switch
        {
            PaymentStatus.Cancelled => new PaymentCancelled(payment.Id, failureCode, Later),
            PaymentStatus.Expired => new PaymentExpired(payment.Id, failureCode, Later),
            _ => new PaymentFailed(payment.Id, failureCode, Later),
        };
        Assert.Equal(expected, Assert.Single(payment.Raised()));
    }

    [Fact]
    public void ApplyStkResult_StillProcessing_ChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();
        var version = payment.Version;

        var result = payment.ApplyStkResult(TestPayments.Failure("4999", "The transaction is still under processing"), Later);

        Assert.Equal(StkResultApplication.Duplicate, result.Value);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal(version, payment.Version);
    }

    [Fact]
    public void ApplyStkResult_FailureAfterSuccess_NeverDowngradesTheCompletedPayment()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Success(), Later).Must();
        payment.ClearDomainEvents();

        var result = payment.ApplyStkResult(TestPayments.Failure("1037", "No response from user."), Later.AddMinutes(1));

        // ARCHITECTURE.md §2: an attempt's first terminal result is final, so a late failure of the same attempt is a
        // duplicate; it is kept in the callback inbox, not applied.
        Assert.Equal(StkResultApplication.Duplicate, result.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Null(payment.Failure);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal("0", payment.CurrentAttempt.ResultCode);
        Assert.Empty(payment.Raised());
    }

    [Theory]
    [InlineData("1", PaymentStatus.Failed)]
    [InlineData("1037", PaymentStatus.Expired)]
    [InlineData("1032", PaymentStatus.Cancelled)]
    public void ApplyStkResult_SuccessAfterFailure_CompletesLate(string failureCode, PaymentStatus settledAs)
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Failure(failureCode), Later).Must();
        payment.ClearDomainEvents();
        var completedAt = Later.AddMinutes(2);

        var result = payment.ApplyStkResult(TestPayments.Success(), completedAt);

        Assert.Equal(StkResultApplication.Applied, result.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.Failure);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        var late = Assert.IsType<PaymentCompletedLate>(Assert.Single(payment.Raised()));
        Assert.Equal(new PaymentCompletedLate(payment.Id, settledAs, TestPayments.ReceiptNumber, completedAt), late);
    }

    [Fact]
    public void ApplyStkResult_AmountMismatch_FlagsForReviewWithoutCompleting()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);

        var result = payment.ApplyStkResult(TestPayments.Success(amount: 1), Later);

        Assert.Equal(StkResultApplication.FlaggedForReview, result.Value);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.MpesaReceiptNumber);
        Assert.Equal("amount_mismatch", payment.ReviewReason?.Code);
        Assert.NotNull(payment.ReviewReason);
        Assert.NotEqual(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.CurrentAttempt.ReceiptNumber);
        Assert.Equal(1m, payment.CurrentAttempt.PaidAmount);
        var flagged = Assert.IsType<PaymentFlaggedForReview>(Assert.Single(payment.Raised()));
        Assert.Equal("amount_mismatch", flagged.Reason.Code);
    }

    [Fact]
    public void ApplyStkResult_FailureAfterAMismatchedSuccess_KeepsThatSuccessesReceiptAmountAndTime()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);
        var mismatched = TestPayments.Success(amount: 1);
        payment.ApplyStkResult(mismatched, Later).Must();

        payment.ApplyStkResult(TestPayments.Failure("1032"), Later.AddSeconds(5)).Must();

        var attempt = payment.CurrentAttempt;
        Assert.Equal("1032", attempt.ResultCode);
        Assert.Equal(mismatched.Receipt!.Number, attempt.ReceiptNumber);
        Assert.Equal(mismatched.Receipt.Amount, attempt.PaidAmount);
        Assert.Equal(mismatched.Receipt.PaidAt, attempt.PaidAt);
        Assert.NotNull(payment.ReviewReason);
    }

    [Fact]
    public void ApplyStkResult_SameMismatchTwice_SecondIsDuplicate()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);
        payment.ApplyStkResult(TestPayments.Success(amount: 1), Later).Must();
        payment.ClearDomainEvents();
        var version = payment.Version;

        var result = payment.ApplyStkResult(TestPayments.Success(amount: 1), Later.AddSeconds(5));

        Assert.Equal(StkResultApplication.Duplicate, result.Value);
        Assert.Equal(version, payment.Version);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void ApplyStkResult_PhoneMismatch_FlagsForReviewWithoutCompleting()
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.ApplyStkResult(TestPayments.Success(phone: "254711111111"), Later);

        Assert.Equal(StkResultApplication.FlaggedForReview, result.Value);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal("phone_mismatch", payment.ReviewReason?.Code);
        Assert.IsType<PaymentFlaggedForReview>(Assert.Single(payment.Raised()));
    }

    [Theory]
    [InlineData("2547*****111")]
    [InlineData("2547******49")]
    [InlineData(null)]
    public void ApplyStkResult_MaskedOrMissingPhone_IsNotComparedAndCompletes(string? phone)
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.ApplyStkResult(TestPayments.Success(phone: phone), Later);

        Assert.Equal(StkResultApplication.Applied, result.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.ReviewReason);
    }

    [Fact]
    public void ApplyStkResult_UnknownCheckoutRequestId_ReturnsAttemptNotFound()
    {
        var payment = TestPayments.AwaitingCustomer();

        var result = payment.ApplyStkResult(TestPayments.Success(checkoutRequestId: "ws_CO_unknown"), Later);

        Assert.True(result.IsFailure);
        Assert.Equal("attempt_not_found", result.Error?.Code);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
    }

    [Fact]
    public void ApplyStkResult_SecondFailure_IsDuplicateAndChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Failure("1032"), Later).Must();
        payment.ClearDomainEvents();
        var version = payment.Version;

        var result = payment.ApplyStkResult(TestPayments.Failure("1"), Later.AddSeconds(10));

        Assert.Equal(StkResultApplication.Duplicate, result.Value);
        Assert.Equal(PaymentStatus.Cancelled, payment.Status);
        Assert.Equal("cancelled_by_customer", payment.Failure?.Code);
        Assert.Equal("1032", payment.CurrentAttempt.ResultCode);
        Assert.Equal(version, payment.Version);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void Version_IncreasesOnEveryChange()
    {
        var payment = TestPayments.New();
        var versions = new List<int> { payment.Version };

        payment.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, Later).Must();
        versions.Add(payment.Version);
        payment.ApplyStkResult(TestPayments.Failure("1037"), Later).Must();
        versions.Add(payment.Version);
        payment.ApplyStkResult(TestPayments.Success(), Later).Must();
        versions.Add(payment.Version);

        Assert.Equal([0, 1, 2, 3], versions);
    }

    [Fact]
    public void UpdatedAt_FollowsTheLastChange()
    {
        var payment = TestPayments.AwaitingCustomer();

        payment.ApplyStkResult(TestPayments.Success(), Later).Must();

        Assert.Equal(Later, payment.UpdatedAt);
        Assert.Equal(TestPayments.Now, payment.CreatedAt);
    }
}
