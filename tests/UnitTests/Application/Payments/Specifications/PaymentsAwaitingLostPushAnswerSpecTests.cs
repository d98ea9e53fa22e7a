using Ardalis.Specification;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Specifications;

/// <summary>The candidates for a stray success callback: same phone and amount, created within the window, push answer lost.</summary>
public sealed class PaymentsAwaitingLostPushAnswerSpecTests
{
    private static readonly DateTimeOffset T = TestPayments.Now;
    private readonly List<Payment> _payments = [];

    private List<Payment> Candidates(string phone = "0708374149", int amount = 100) =>
        InMemorySpecificationEvaluator.Default.Evaluate(_payments,
            new PaymentsAwaitingLostPushAnswerSpec(Msisdn.Parse(phone), new Amount(amount), T.AddMinutes(-10), T)).ToList();

    private Payment Lost(DateTimeOffset createdAt, string phone = "0708374149", int amount = 100)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse(phone), new Amount(amount),
            AccountReference.Parse("INV-1"), Description.Default, createdAt);
        payment.RecordPushOutcomeUnknown(1, NoAnswerReason.TimedOut, createdAt.AddSeconds(30)).Must();
        _payments.Add(payment);
        return payment;
    }

    [Fact]
    public void Spec_LostPushOfSamePhoneAndAmountInWindow_IsACandidate()
    {
        var lost = Lost(T.AddMinutes(-2));

        Assert.Equal([lost], Candidates());
    }

    [Fact]
    public void Spec_LostPushThatExpiredSince_IsStillACandidate()
    {
        var lost = Lost(T.AddMinutes(-9));
        Reconciliation.Expire(lost, 1, T.AddMinutes(-1)).Must();

        Assert.Equal([lost], Candidates());
    }

    [Fact]
    public void Spec_OtherPhoneOtherAmountOrOutsideWindow_IsNoCandidate()
    {
        Lost(T.AddMinutes(-2), phone: "0708374150");
        Lost(T.AddMinutes(-2), amount: 101);
        Lost(T.AddMinutes(-11));
        Lost(T.AddSeconds(1));

        Assert.Empty(Candidates());
    }

    [Fact]
    public void Spec_PushAcceptedOrPaymentCompleted_IsNoCandidate()
    {
        var accepted = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, T.AddMinutes(-2));
        accepted.RecordPushAccepted(1, "m", "ws_CO_known", T.AddMinutes(-2)).Must();
        _payments.Add(accepted);

        Assert.Empty(Candidates());
    }

    [Fact]
    public void Spec_ManyCandidates_ReturnsTheTwoNewestSoAmbiguityIsSeen()
    {
        Lost(T.AddMinutes(-5));
        var newer = Lost(T.AddMinutes(-3));
        var newest = Lost(T.AddMinutes(-1));

        Assert.Equal([newest, newer], Candidates());
    }

    [Fact]
    public void Spec_CreatedExactlyAtEitherEndOfTheWindow_IsACandidate()
    {
        var atStart = Lost(T.AddMinutes(-10));
        var atEnd = Lost(T);

        Assert.Equal([atEnd, atStart], Candidates());
    }

    [Fact]
    public void Spec_PushStillSendingWhenTheProcessDied_IsACandidate()
    {
        var sending = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, T.AddMinutes(-2));
        _payments.Add(sending);

        Assert.Equal([sending], Candidates());
    }

    [Fact]
    public void Spec_RetryWhosePushAnswerWasLost_IsACandidateDespiteTheEarlierAttempt()
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, T.AddMinutes(-3));
        payment.RecordPushAccepted(1, "m-1", "ws_CO_first", T.AddMinutes(-3)).Must();
        payment.ApplyStkResult(TestPayments.Failure("1032", checkoutRequestId: "ws_CO_first"), T.AddMinutes(-2)).Must();
        Assert.True(payment.Retry(3, T.AddMinutes(-1)).IsSuccess);
        payment.RecordPushOutcomeUnknown(2, NoAnswerReason.TimedOut, T.AddMinutes(-1)).Must();
        _payments.Add(payment);

        Assert.Equal([payment], Candidates());
    }

    [Fact]
    public void Spec_AcceptedPushThatExpiredSince_IsNoCandidate()
    {
        var accepted = Payment.Initiate(PaymentId.New(), new ClientId("c"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, T.AddMinutes(-9));
        accepted.RecordPushAccepted(1, "m", "ws_CO_known", T.AddMinutes(-9)).Must();
        Reconciliation.Expire(accepted, 1, T.AddMinutes(-1)).Must();
        _payments.Add(accepted);

        Assert.Empty(Candidates());
    }
}
