using Microsoft.Extensions.Time.Testing;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>
/// When the reconciler picks an attempt up, with the default schedule (first query 30 s after the push, then every
/// 15 s doubling to at most 120 s, expiry after 10 min), evaluated in memory on a fake clock.
/// </summary>
public sealed class PaymentDueForReconciliationTests
{
    private static readonly DateTimeOffset T = TestPayments.Now;
    private readonly FakeTimeProvider _clock = new(T);
    private readonly List<Payment> _payments = [];

    private bool IsDue(Payment payment) => Reconciliation.AttemptDue(payment, ReconciliationSchedule.Default, _clock.GetUtcNow()) is not null;

    private Payment AcceptedAt(DateTimeOffset at)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, at);
        payment.RecordPushAccepted(1, "m-1", $"ws_CO_{_payments.Count}", at).Must();
        _payments.Add(payment);
        return payment;
    }

    private void At(int secondsAfterT) => _clock.SetUtcNow(T.AddSeconds(secondsAfterT));

    [Fact]
    public void IsDue_AcceptedPush_IsNotDueAt29SecondsAndIsDueAt30()
    {
        var payment = AcceptedAt(T);

        At(29);
        Assert.False(IsDue(payment));

        At(30);
        Assert.True(IsDue(payment));
    }

    [Fact]
    public void IsDue_AfterStillProcessingAnswers_IsDueAfter15Then30Then60Then120ThenEvery120Seconds()
    {
        var payment = AcceptedAt(T);
        var queryTimes = new List<int>();
        for (var second = 0; second <= 800; second++)
        {
            At(second);
            if (!IsDue(payment))
            {
                continue;
            }

            queryTimes.Add(second);
            var now = _clock.GetUtcNow();
            Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, now).Must();
            if (second >= 600)
            {
                break; // past expiry the attempt stays due until the reconciler expires it
            }
        }

        Assert.Equal([30, 45, 75, 135, 255, 375, 495, 600], queryTimes);
    }

    [Fact]
    public void IsDue_NextQueryFarAhead_IsStillDueOnceExpiryIsReached()
    {
        var payment = AcceptedAt(T);
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.NoOutcome, ReconciliationSchedule.Default with { Interval = TimeSpan.FromHours(1) }, T.AddSeconds(30)).Must();

        At(599);
        Assert.False(IsDue(payment));

        At(600);
        Assert.True(IsDue(payment));
    }

    [Theory]
    [InlineData(AttemptStatus.Sending)]
    [InlineData(AttemptStatus.Unknown)]
    public void IsDue_PushWithoutAnswer_IsDueOnlyTenMinutesAfterItWasCreated(AttemptStatus status)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, T);
        if (status == AttemptStatus.Unknown)
        {
            payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, T).Must();
        }

        _payments.Add(payment);

        foreach (var early in new[] { 30, 45, 300, 599 })
        {
            At(early);
            Assert.False(IsDue(payment), $"due at T+{early}s");
        }

        At(600);
        Assert.True(IsDue(payment));
    }

    [Fact]
    public void IsDue_PaymentFlaggedForReview_IsNeverDue()
    {
        var payment = AcceptedAt(T);
        payment.ApplyStkResult(TestPayments.Success(amount: 5, checkoutRequestId: payment.CurrentAttempt.CheckoutRequestId!), T.AddSeconds(10)).Must();
        Assert.Equal(PaymentStatus.Pending, payment.Status);

        At(3600);

        Assert.False(IsDue(payment));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1032")]
    public void IsDue_SettledPayment_IsNeverDue(string resultCode)
    {
        var payment = AcceptedAt(T);
        var crid = payment.CurrentAttempt.CheckoutRequestId!;
        payment.ApplyStkResult(resultCode == "0" ? TestPayments.Success(amount: 100, checkoutRequestId: crid) : TestPayments.Failure(resultCode, checkoutRequestId: crid), T.AddSeconds(10)).Must();

        At(3600);

        Assert.False(IsDue(payment));
    }

    [Fact]
    public void IsDue_AttemptInFlightOnAPaymentAnEarlierAttemptCompleted_IsDueLikeAnyOther()
    {
        var payment = AcceptedAt(T);
        var crid = payment.CurrentAttempt.CheckoutRequestId!;
        payment.ApplyStkResult(TestPayments.Failure("1037", checkoutRequestId: crid), T.AddSeconds(10)).Must();
        payment.Retry(3, T.AddSeconds(20)).Must();
        payment.RecordPushAccepted(2, "m-2", "ws_CO_second", T.AddSeconds(20)).Must();
        payment.ApplyStkResult(TestPayments.Success(amount: 100, checkoutRequestId: crid), T.AddSeconds(21)).Must();
        Assert.Equal(PaymentStatus.Completed, payment.Status);

        At(49);
        Assert.False(IsDue(payment));

        At(50);
        Assert.Equal(2, Reconciliation.AttemptDue(payment, ReconciliationSchedule.Default, _clock.GetUtcNow())?.Number);
    }

    [Fact]
    public void IsDue_RetryOfAPaymentFlaggedOutcomeUnknown_IsStillChased()
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, T);
        Reconciliation.Expire(payment, 1, T.AddMinutes(10)).Must();
        payment.Retry(3, T.AddMinutes(11), outcomeUnknownAcknowledged: true).Must();
        payment.RecordPushAccepted(2, "m-2", "ws_CO_second", T.AddMinutes(11)).Must();
        Assert.Equal(ReviewReason.OutcomeUnknown, payment.ReviewReason);

        At(11 * 60 + 30);

        Assert.True(IsDue(payment));
    }
}
