using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Callbacks;

public sealed class InboundCallbackTests
{
    private const string Body = """{"Body":{"stkCallback":{}}}""";

    [Fact]
    public void Receive_RawBody_IsStoredUnchangedAsReceived()
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, Body, "196.201.214.200", TestPayments.Now);

        Assert.NotEqual(Guid.Empty, callback.Id);
        Assert.Equal(Body, callback.Body);
        Assert.Equal(CallbackKind.StkCallback, callback.Kind);
        Assert.Equal("196.201.214.200", callback.RemoteAddress);
        Assert.Equal(TestPayments.Now, callback.ReceivedAt);
        Assert.Equal(CallbackOutcome.Received, callback.Outcome);
        Assert.Null(callback.ProcessedAt);
        Assert.Null(callback.PaymentId);
    }

    [Fact]
    public void Receive_BodyWithNul_KeepsItAsJsonEscapeSoPostgreSqlCanStoreIt()
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, "{\"ResultDesc\":\"a\0b\0\"}", null, TestPayments.Now);

        Assert.Equal("{\"ResultDesc\":\"a\\u0000b\\u0000\"}", callback.Body);
        Assert.DoesNotContain("\0", callback.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_OverlongRemoteAddress_IsCutToTheColumnSize()
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, Body, new string('a', 100), TestPayments.Now);

        Assert.Equal(new string('a', InboundCallback.MaxRemoteAddressLength), callback.RemoteAddress);
    }

    [Theory]
    [InlineData(StkResultApplication.Applied, CallbackOutcome.Applied)]
    [InlineData(StkResultApplication.Duplicate, CallbackOutcome.Duplicate)]
    [InlineData(StkResultApplication.RecordedOnly, CallbackOutcome.RecordedOnly)]
    [InlineData(StkResultApplication.FlaggedForReview, CallbackOutcome.FlaggedForReview)]
    public void MarkProcessed_Application_RecordsMatchingOutcome(StkResultApplication application, CallbackOutcome expected)
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, Body, null, TestPayments.Now);
        var paymentId = PaymentId.New();
        var processedAt = TestPayments.Now.AddSeconds(1);

        callback.MarkProcessed(paymentId, TestPayments.CheckoutRequestId, application, processedAt);

        Assert.Equal(expected, callback.Outcome);
        Assert.Equal(paymentId, callback.PaymentId);
        Assert.Equal(TestPayments.CheckoutRequestId, callback.CheckoutRequestId);
        Assert.Equal(processedAt, callback.ProcessedAt);
    }

    [Fact]
    public void MarkUnmatched_KeepsCheckoutRequestIdForLater()
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, Body, null, TestPayments.Now);

        callback.MarkUnmatched(TestPayments.CheckoutRequestId, TestPayments.Now);

        Assert.Equal(CallbackOutcome.Unmatched, callback.Outcome);
        Assert.Equal(TestPayments.CheckoutRequestId, callback.CheckoutRequestId);
        Assert.Null(callback.PaymentId);
    }

    [Fact]
    public void MarkMalformed_KeepsBodyForPeopleToRead()
    {
        var callback = InboundCallback.Receive(CallbackKind.StkCallback, "not json", null, TestPayments.Now);

        callback.MarkMalformed(TestPayments.Now);

        Assert.Equal(CallbackOutcome.Malformed, callback.Outcome);
        Assert.Equal("not json", callback.Body);
        Assert.Equal(TestPayments.Now, callback.ProcessedAt);
    }
}
