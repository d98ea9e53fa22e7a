using Ardalis.Specification;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Specifications;

/// <summary>Which payment a Transaction Status answer belongs to.</summary>
public sealed class PaymentByVerificationSpecTests
{
    private readonly List<Payment> _payments = [];

    private Payment? Find(string? conversationId, string? originatorConversationId, string? receipt) =>
        InMemorySpecificationEvaluator.Default.Evaluate(_payments, new PaymentByVerificationSpec(conversationId, originatorConversationId, receipt)).SingleOrDefault();

    private Payment Completed(string receipt, string crid, string? conversationId = null)
    {
        var payment = TestPayments.AwaitingCustomer(checkoutRequestId: crid);
        payment.ApplyStkResult(TestPayments.Success(receipt: receipt, checkoutRequestId: crid), TestPayments.Now.AddSeconds(20)).Must();
        if (conversationId is not null)
        {
            Verification.Request(payment, conversationId, $"orig-{conversationId}", TestPayments.Now.AddMinutes(1)).Must();
        }

        _payments.Add(payment);
        return payment;
    }

    [Fact]
    public void Spec_ConversationIdOfTheRequest_FindsThatPayment()
    {
        Completed("RCPT000001", "ws_CO_1", "AG_1");
        var asked = Completed("RCPT000002", "ws_CO_2", "AG_2");

        Assert.Same(asked, Find("AG_2", null, null));
        Assert.Same(asked, Find(null, "orig-AG_2", null));
    }

    [Fact]
    public void Spec_UnknownConversationButKnownReceipt_FindsByReceipt()
    {
        Completed("RCPT000001", "ws_CO_1", "AG_1");
        var byReceipt = Completed("RCPT000002", "ws_CO_2");

        Assert.Same(byReceipt, Find("AG_unknown", "orig-unknown", "RCPT000002"));
    }

    [Fact]
    public void Spec_NothingKnown_FindsNoPaymentEvenWithoutReceiptOrVerification()
    {
        Completed("RCPT000001", "ws_CO_1", "AG_1");
        _payments.Add(TestPayments.AwaitingCustomer(checkoutRequestId: "ws_CO_pending")); // no receipt, no verification

        Assert.Null(Find(null, null, null));
        Assert.Null(Find("AG_unknown", "orig-unknown", "RCPT999999"));
    }
}
