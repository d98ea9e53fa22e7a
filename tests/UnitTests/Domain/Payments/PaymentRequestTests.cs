using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>A repeated Idempotency-Key is answered with the first payment only when it asks for the same thing.</summary>
public sealed class PaymentRequestTests
{
    private static PaymentRequest Request(string phone = "0708374149", int amount = 1, string reference = "INV-001", string description = "Shield plan") =>
        new(Msisdn.Parse(phone), new Amount(amount), AccountReference.Parse(reference), Description.Parse(description));

    [Fact]
    public void Replays_SameRequestAfterThePushWasAnswered_IsAnsweredWithTheFirstPayment()
    {
        var original = TestPayments.AwaitingCustomer();

        Assert.True(Request().Replays(original).IsSuccess);
        Assert.True(PaymentRequest.Of(original).Replays(original).IsSuccess);
    }

    [Fact]
    public void Replays_SamePhoneWrittenAnotherWay_IsTheSameRequest()
    {
        Assert.True(Request(phone: "+254 708 374 149").Replays(TestPayments.AwaitingCustomer()).IsSuccess);
    }

    [Fact]
    public void Replays_DifferentFields_IsRefusedNamingEachAsClientsNameIt()
    {
        var refused = Request(phone: "0708374150", amount: 2, reference: "INV-002", description: "Other").Replays(TestPayments.AwaitingCustomer());

        Assert.Equal("idempotency_key_reused", refused.Error?.Code);
        Assert.Equal(["phoneNumber", "amount", "accountReference", "description"], refused.Error!.Fields);
    }

    [Fact]
    public void Replays_OneFieldDiffers_NamesOnlyThatField()
    {
        var refused = Request(amount: 5).Replays(TestPayments.AwaitingCustomer());

        Assert.Equal(["amount"], refused.Error!.Fields);
    }

    [Fact]
    public void Replays_FirstPushStillBeingSent_IsInUseAndSaysWhenToTryAgain()
    {
        var refused = Request().Replays(TestPayments.New());

        Assert.Equal("idempotency_key_in_use", refused.Error?.Code);
        Assert.Equal(1, refused.Error!.RetryAfterSeconds);
    }
}
