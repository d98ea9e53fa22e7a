using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>Which refunds a client may ask for, and what a new refund looks like.</summary>
public sealed class RefundRequestTests
{
    private static Result<Refund> Request(RefundablePayment payment, int? amount = null, bool allowPartial = false, RefundId? id = null) =>
        Refund.Request(id ?? RefundId.New(), TestRefunds.Client, payment, amount, RefundReason.From(TestRefunds.Reason), TestRefunds.Key, allowPartial,
            TestRefunds.Now);

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Failed)]
    [InlineData(PaymentStatus.Cancelled)]
    [InlineData(PaymentStatus.Expired)]
    public void Request_PaymentNotCompleted_IsPaymentNotRefundable(PaymentStatus status)
    {
        var refused = Request(TestRefunds.Payment(status: status));

        Assert.Equal("payment_not_refundable", refused.Error?.Code);
        Assert.Equal(ErrorType.Conflict, refused.Error!.Type);
        Assert.Contains(status.ToString(), refused.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Request_CompletedPaymentWithoutReceipt_IsPaymentNotRefundable(string? receipt)
    {
        Assert.Equal("payment_not_refundable", Request(TestRefunds.Payment(receipt: receipt)).Error?.Code);
    }

    [Fact]
    public void Request_NoAmount_RefundsTheWholePayment()
    {
        var refund = Request(TestRefunds.Payment(amount: 150)).Must();

        Assert.Equal(150, refund.Amount);
    }

    [Fact]
    public void Request_NoAmountAfterAPartialRefund_RefundsTheRest()
    {
        var refund = Request(TestRefunds.Payment(amount: 150, refunded: 40), allowPartial: true).Must();

        Assert.Equal(110, refund.Amount);
    }

    [Theory]
    [InlineData(0, 151, 150)]
    [InlineData(40, 111, 110)]
    public void Request_AmountOverTheRest_IsRefundExceedsPaymentNamingWhatIsLeft(int refunded, int amount, int rest)
    {
        var refused = Request(TestRefunds.Payment(amount: 150, refunded: refunded), amount, allowPartial: true);

        Assert.Equal("refund_exceeds_payment", refused.Error?.Code);
        Assert.Equal(ErrorType.Conflict, refused.Error!.Type);
        Assert.Contains($"at most KES {rest}", refused.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public void Request_NothingLeftToRefund_SaysItIsAlreadyFullyRefunded(int? amount)
    {
        var refused = Request(TestRefunds.Payment(amount: 150, refunded: 150), amount, allowPartial: true);

        Assert.Equal("refund_exceeds_payment", refused.Error?.Code);
        Assert.Equal("This payment is already fully refunded.", refused.Error!.Message);
    }

    [Fact]
    public void Request_PartialAmountWhenPartialsAreOff_IsPartialRefundNotAllowed()
    {
        var refused = Request(TestRefunds.Payment(amount: 150), 50, allowPartial: false);

        Assert.Equal("partial_refund_not_allowed", refused.Error?.Code);
        Assert.Contains("KES 150", refused.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_WholeAmountGivenWhenPartialsAreOff_IsAccepted()
    {
        Assert.Equal(150, Request(TestRefunds.Payment(amount: 150), 150, allowPartial: false).Must().Amount);
    }

    [Fact]
    public void Request_PartialAmountWhenPartialsAreOn_RefundsThatAmount()
    {
        Assert.Equal(50, Request(TestRefunds.Payment(amount: 150), 50, allowPartial: true).Must().Amount);
    }

    [Fact]
    public void Request_Accepted_RaisesRefundCreatedAsItsFirstEvent()
    {
        var id = RefundId.New();

        var refund = Request(TestRefunds.Payment(amount: 150), id: id).Must();

        var raised = Assert.Single(refund.DomainEvents);
        Assert.Equal(1, raised.Sequence);
        Assert.Equal(new RefundCreated(id, 150, TestRefunds.Now), raised.Event);
    }

    [Fact]
    public void Request_Accepted_IsPendingOpenOnItsPaymentAndNotSent()
    {
        var id = RefundId.New();

        var refund = Request(TestRefunds.Payment(amount: 150), id: id).Must();

        Assert.Equal(id, refund.Id);
        Assert.Equal(RefundStatus.Pending, refund.Status);
        Assert.True(refund.IsOpen);
        Assert.Equal(TestRefunds.PaymentId.Value, refund.OpenPaymentId);
        Assert.Equal(TestRefunds.PaymentId, refund.PaymentId);
        Assert.Equal(TestRefunds.Client, refund.ClientId);
        Assert.Equal(TestRefunds.Key, refund.IdempotencyKey);
        Assert.Equal(TestRefunds.Reason, refund.Reason.Value);
        Assert.Equal(TestPayments.ReceiptNumber, refund.ReceiptNumber);
        Assert.Equal(TestRefunds.Now, refund.CreatedAt);
        Assert.Null(refund.SubmittedAt);
        Assert.Null(refund.ConversationId);
        Assert.Null(refund.Failure);
        Assert.Null(refund.Review);
        Assert.Null(refund.CompletedAt);
    }
}
