using Mapster;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Common;

public sealed class PaymentRecordMappingTests
{
    [Fact]
    public void Adapt_AttemptQueriedThenPaid_GivesEveryStoredDetail()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 150);
        var queriedAt = TestPayments.Now.AddSeconds(20);
        Reconciliation.RecordQueryAnswer(payment, 1, AttemptCheck.Answered("4999", "still processing"), ReconciliationSchedule.Default, queriedAt).Must();
        payment.ApplyStkResult(TestPayments.Success(amount: 150, receipt: "TKR1PAID01"), TestPayments.Now.AddSeconds(30)).Must();

        var record = payment.Attempts[0].Adapt<AttemptRecord>(Mapping.Create());

        Assert.Equal((1, AttemptStatus.Succeeded, TestPayments.CheckoutRequestId, TestPayments.MerchantRequestId),
            (record.Number, record.Status, record.CheckoutRequestId, record.MerchantRequestId));
        Assert.Equal((1, 1, queriedAt), (record.QueryCount, record.AnsweredQueryCount, record.LastQueriedAt));
        Assert.Null(record.NextQueryAt);
        Assert.Equal(("0", "TKR1PAID01", 150m, ResultSource.Callback), (record.ResultCode, record.ReceiptNumber, record.PaidAmount, record.ResultSource));
        Assert.Equal(new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), record.PaidAt);
        Assert.Equal((TestPayments.Now, TestPayments.Now.AddSeconds(1), TestPayments.Now.AddSeconds(30)), (record.CreatedAt, record.SentAt, record.CompletedAt));
        Assert.Null(record.NoAnswer);
    }
}
