using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.SearchPayments;

/// <summary>The operators' search as typed (parsed by <see cref="PaymentSearch.From"/>), evaluated by the real specification in memory.</summary>
public sealed class PaymentSearchSpecTests
{
    [Theory]
    [InlineData("0708374149")]
    [InlineData("708374149")]
    [InlineData("254708374149")]
    [InlineData("+254 708 374 149")]
    public void Search_APhoneInAnyAcceptedFormat_FindsThePaymentStoredAs2547(string typed)
    {
        var payment = TestPayments.New(phone: "0708374149");

        Assert.Equal([payment], Matches(new PaymentSearchCriteria(PhoneNumber: typed), payment, TestPayments.New(phone: "0711111111")));
    }

    [Fact]
    public void Search_AReceiptOnlyAnAttemptHolds_FindsItsPayment_InAnyCase()
    {
        var flagged = TestPayments.AwaitingCustomer(amount: 500);
        flagged.ApplyStkResult(TestPayments.Success(amount: 5, receipt: "TKR1STRAY1"), TestPayments.Now).Must();

        Assert.Null(flagged.MpesaReceiptNumber);
        Assert.Equal([flagged], Matches(new PaymentSearchCriteria(ReceiptNumber: " tkr1stray1 "), flagged, TestPayments.New()));
    }

    [Fact]
    public void Search_BlankFields_AreNoFilter_AndTheClientFieldKeepsOneClients()
    {
        var ours = TestPayments.New(client: "shop");
        // Another creation time: in memory, payment ids (the tie-break) do not compare.
        var theirs = Payment.Initiate(PaymentId.New(), new ClientId("kiosk"), null, Msisdn.Parse("0711111111"), new Amount(5),
            AccountReference.Parse("INV-002"), Description.Parse("Kiosk"), TestPayments.Now.AddMinutes(1));

        Assert.Equal([theirs, ours], Matches(new PaymentSearchCriteria(PhoneNumber: "", ReceiptNumber: " ", AccountReference: "", ClientId: ""), ours, theirs));
        Assert.Equal([theirs], Matches(new PaymentSearchCriteria(ClientId: "kiosk"), ours, theirs));
    }

    [Theory]
    [InlineData("0812345678", null, null)]
    [InlineData(null, "TKR-1", null)]
    [InlineData(null, null, "INV_1!")]
    public void Validator_WhatIsNoPhoneReceiptOrReference_IsRefused(string? phone, string? receipt, string? reference) =>
        Assert.False(new PaymentSearchCriteriaValidator().Validate(new PaymentSearchCriteria(phone, receipt, reference)).IsValid);

    [Fact]
    public void Validator_ARangeEndingBeforeItStarts_IsRefused() =>
        Assert.False(new PaymentSearchCriteriaValidator().Validate(new PaymentSearchCriteria(CreatedFrom: TestPayments.Now, CreatedTo: TestPayments.Now.AddSeconds(-1))).IsValid);

    private static List<Payment> Matches(PaymentSearchCriteria criteria, params Payment[] payments) =>
        [.. new PaymentSearchSpec(PaymentSearch.From(criteria)).Evaluate(payments)];
}
