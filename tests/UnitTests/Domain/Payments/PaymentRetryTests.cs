using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>Payment.Retry: a new PIN prompt for a payment that ended without the customer paying.</summary>
public sealed class PaymentRetryTests
{
    private static readonly DateTimeOffset Later = TestPayments.Now.AddMinutes(5);

    private static Payment Settled(string how)
    {
        var payment = TestPayments.AwaitingCustomer();
        switch (how)
        {
            case "cancelled":
                payment.ApplyStkResult(TestPayments.Failure("1032"), TestPayments.Now.AddSeconds(20)).Must();
                break;
            case "failed":
                payment.ApplyStkResult(TestPayments.Failure("1", "insufficient balance"), TestPayments.Now.AddSeconds(20)).Must();
                break;
            case "expired":
                Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, TestPayments.Now.AddSeconds(31)).Must();
                Reconciliation.Expire(payment, 1, TestPayments.Now.AddMinutes(10)).Must();
                break;
            case "timed out on the phone":
                payment.ApplyStkResult(TestPayments.Failure("1037", "DS timeout user cannot be reached"), TestPayments.Now.AddSeconds(60)).Must();
                break;
        }

        payment.ClearDomainEvents();
        return payment;
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("failed")]
    [InlineData("expired")]
    [InlineData("timed out on the phone")]
    public void Retry_PaymentEndedWithoutPaying_StartsAttemptTwoInSendingAndIsPendingAgain(string how)
    {
        var payment = Settled(how);

        var retried = payment.Retry(maxAttempts: 3, Later);

        Assert.True(retried.IsSuccess);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.Failure);
        Assert.Equal(2, payment.Attempts.Count);
        var attempt = payment.CurrentAttempt;
        Assert.Same(attempt, retried.Value);
        Assert.Equal(2, attempt.Number);
        Assert.Equal(AttemptStatus.Sending, attempt.Status);
        Assert.Null(attempt.CheckoutRequestId);
        Assert.Equal(TestPayments.Phone, attempt.InFlightPhoneNumber);
        Assert.Equal(Later, attempt.CreatedAt);
        Assert.Equal(Later, payment.UpdatedAt);
        Assert.Equal(new PaymentRetried(payment.Id, 2, Later), Assert.Single(payment.Raised()));
    }

    [Fact]
    public void Retry_KeepsTheEarlierAttemptAsItEnded()
    {
        var payment = Settled("cancelled");

        payment.Retry(3, Later).Must();

        var first = payment.Attempts[0];
        Assert.Equal(AttemptStatus.Cancelled, first.Status);
        Assert.Equal("1032", first.ResultCode);
        Assert.Equal(TestPayments.CheckoutRequestId, first.CheckoutRequestId);
    }

    [Fact]
    public void Retry_PendingPayment_IsNotRetriableAndChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();
        var version = payment.Version;

        var retried = payment.Retry(3, Later);

        Assert.Equal("payment_not_retriable", retried.Error!.Code);
        Assert.Single(payment.Attempts);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
        Assert.Equal(version, payment.Version);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void Retry_CompletedPayment_IsNotRetriable()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(TestPayments.Success(), TestPayments.Now.AddSeconds(20)).Must();

        var retried = payment.Retry(3, Later);

        Assert.Equal("payment_not_retriable", retried.Error!.Code);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Single(payment.Attempts);
    }

    [Fact]
    public void Retry_AtMaxAttempts_IsTooManyAttemptsAndKeepsTheFailure()
    {
        var payment = Settled("cancelled");
        Assert.True(payment.Retry(maxAttempts: 2, Later).IsSuccess);
        payment.RecordPushAccepted(2, "m-2", "ws_CO_second", Later).Must();
        payment.ApplyStkResult(TestPayments.Failure("1032", checkoutRequestId: "ws_CO_second"), Later.AddSeconds(10)).Must();
        payment.ClearDomainEvents();

        var retried = payment.Retry(maxAttempts: 2, Later.AddMinutes(1));

        Assert.Equal("too_many_attempts", retried.Error!.Code);
        Assert.Equal(2, payment.Attempts.Count);
        Assert.Equal(PaymentStatus.Cancelled, payment.Status);
        Assert.Equal("cancelled_by_customer", payment.Failure!.Code);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void Retry_ThenSuccessOfNewAttempt_Completes()
    {
        var payment = Settled("failed");
        payment.Retry(3, Later).Must();
        payment.RecordPushAccepted(2, "m-2", "ws_CO_second", Later).Must();

        var applied = payment.ApplyStkResult(TestPayments.Success(checkoutRequestId: "ws_CO_second"), Later.AddSeconds(15));

        Assert.Equal(StkResultApplication.Applied, applied.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
    }
}
