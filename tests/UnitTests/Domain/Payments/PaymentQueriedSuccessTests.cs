using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>ApplyStkResult with results learned from STK Push Query: they carry a ResultCode but never a receipt.</summary>
public sealed class PaymentQueriedSuccessTests
{
    private static readonly DateTimeOffset QueriedAt = TestPayments.Now.AddSeconds(31);

    private static StkResult Queried(string resultCode = "0") =>
        new(TestPayments.CheckoutRequestId, resultCode, "The service request is processed successfully.", null, ResultSource.Query);

    [Fact]
    public void ApplyStkResult_QueriedSuccess_CompletesWithoutReceipt()
    {
        var payment = TestPayments.AwaitingCustomer();

        var applied = payment.ApplyStkResult(Queried(), QueriedAt);

        Assert.Equal(StkResultApplication.Applied, applied.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.MpesaReceiptNumber);
        Assert.Equal(QueriedAt, payment.CompletedAt);
        Assert.Equal(AttemptStatus.Succeeded, payment.CurrentAttempt.Status);
        Assert.Equal(ResultSource.Query, payment.CurrentAttempt.ResultSource);
        Assert.Null(payment.CurrentAttempt.InFlightPhoneNumber);
        Assert.Equal(new PaymentCompleted(payment.Id, null, QueriedAt), Assert.Single(payment.Raised()));
    }

    [Fact]
    public void ApplyStkResult_CallbackAfterQueriedSuccess_AddsTheReceipt()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(Queried(), QueriedAt).Must();
        payment.ClearDomainEvents();

        var applied = payment.ApplyStkResult(TestPayments.Success(), QueriedAt.AddSeconds(5));

        Assert.Equal(StkResultApplication.Applied, applied.Value);
        Assert.Equal(TestPayments.ReceiptNumber, payment.MpesaReceiptNumber);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Equal(QueriedAt, payment.CompletedAt);
        var attempt = payment.CurrentAttempt;
        Assert.Equal(TestPayments.ReceiptNumber, attempt.ReceiptNumber);
        Assert.Equal(1m, attempt.PaidAmount);
        Assert.Equal(ResultSource.Callback, attempt.ResultSource);
        Assert.Empty(payment.Raised()); // completed once, not twice
    }

    [Fact]
    public void ApplyStkResult_SameCallbackTwiceAfterQueriedSuccess_SecondIsDuplicate()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(Queried(), QueriedAt).Must();
        payment.ApplyStkResult(TestPayments.Success(), QueriedAt.AddSeconds(5)).Must();
        var version = payment.Version;

        var again = payment.ApplyStkResult(TestPayments.Success(), QueriedAt.AddSeconds(9));

        Assert.Equal(StkResultApplication.Duplicate, again.Value);
        Assert.Equal(version, payment.Version);
    }

    [Fact]
    public void ApplyStkResult_CallbackWithOtherAmountAfterQueriedSuccess_FlagsWithoutTakingTheReceipt()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);
        payment.ApplyStkResult(Queried(), QueriedAt).Must();

        var applied = payment.ApplyStkResult(TestPayments.Success(amount: 10), QueriedAt.AddSeconds(5));

        Assert.Equal(StkResultApplication.FlaggedForReview, applied.Value);
        Assert.Equal("amount_mismatch", payment.ReviewReason?.Code);
        Assert.Null(payment.MpesaReceiptNumber);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public void ApplyStkResult_QueriedSuccessTwice_SecondIsDuplicate()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(Queried(), QueriedAt).Must();
        payment.ClearDomainEvents();

        var again = payment.ApplyStkResult(Queried(), QueriedAt.AddSeconds(15));

        Assert.Equal(StkResultApplication.Duplicate, again.Value);
        Assert.Empty(payment.Raised());
    }

    [Fact]
    public void ApplyStkResult_QueriedSuccessAfterUnappliedAmountMismatch_DoesNotComplete()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);
        Assert.Equal(StkResultApplication.FlaggedForReview, payment.ApplyStkResult(TestPayments.Success(amount: 1), TestPayments.Now.AddSeconds(20)).Value);

        var queried = payment.ApplyStkResult(Queried(), QueriedAt);

        Assert.Equal(StkResultApplication.Duplicate, queried.Value);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Null(payment.MpesaReceiptNumber);
        Assert.Equal("amount_mismatch", payment.ReviewReason?.Code);
    }

    [Fact]
    public void ApplyStkResult_QueriedCancellation_CancelsFromTheQuery()
    {
        var payment = TestPayments.AwaitingCustomer();

        var applied = payment.ApplyStkResult(Queried("1032"), QueriedAt);

        Assert.Equal(StkResultApplication.Applied, applied.Value);
        Assert.Equal(PaymentStatus.Cancelled, payment.Status);
        Assert.Equal("cancelled_by_customer", payment.Failure!.Code);
        Assert.Equal(ResultSource.Query, payment.CurrentAttempt.ResultSource);
    }

    [Fact]
    public void ApplyStkResult_QueriedStillProcessing_ChangesNothing()
    {
        var payment = TestPayments.AwaitingCustomer();

        var applied = payment.ApplyStkResult(Queried("4999"), QueriedAt);

        Assert.Equal(StkResultApplication.Duplicate, applied.Value);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, payment.CurrentAttempt.Status);
    }

    [Fact]
    public void ApplyStkResult_QueriedFailureAfterQueriedSuccess_NeverDowngrades()
    {
        var payment = TestPayments.AwaitingCustomer();
        payment.ApplyStkResult(Queried(), QueriedAt).Must();

        var applied = payment.ApplyStkResult(Queried("1037"), QueriedAt.AddSeconds(15));

        Assert.Equal(StkResultApplication.Duplicate, applied.Value);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.Failure);
    }
}
