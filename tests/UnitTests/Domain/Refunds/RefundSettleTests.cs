using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>An operator who checked the M-Pesa statement settles a refund whose outcome is Unknown.</summary>
public sealed class RefundSettleTests
{
    private const string Operator = "client:client-a";
    private static readonly DateTimeOffset SettledAt = TestRefunds.Now.AddHours(2);

    public static TheoryData<string, Func<Refund>> NotUnknown => new()
    {
        { "Pending", () => TestRefunds.Submitted() },
        {
            "Succeeded", () =>
            {
                var refund = TestRefunds.Submitted();
                refund.ApplyResult(TestRefunds.Result(), TestRefunds.Now.AddSeconds(20));
                return refund;
            }
        },
        {
            "Failed", () =>
            {
                var refund = TestRefunds.Submitted();
                refund.ApplyResult(TestRefunds.Failure("2001"), TestRefunds.Now.AddSeconds(20));
                return refund;
            }
        },
    };

    [Theory]
    [MemberData(nameof(NotUnknown))]
    public void Settle_RefundWhoseOutcomeIsKnownOrAwaited_IsRefundNotSettleable(string status, Func<Refund> arrange)
    {
        var refund = arrange();
        var before = (refund.Status, refund.Version);
        refund.ClearDomainEvents();

        var refused = refund.Settle(true, "OKD61H8ABC", Operator, "Seen on the statement", SettledAt);

        Assert.Equal("refund_not_settleable", refused.Error?.Code);
        Assert.Contains(status, refused.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(before, (refund.Status, refund.Version));
        Assert.Null(refund.SettledBy);
        Assert.Empty(refund.Raised());
    }

    [Fact]
    public void Settle_UnknownAsSucceeded_SucceedsRecordingWhoAndWhy()
    {
        var refund = TestRefunds.UnknownWithIds();
        refund.GiveToPerson(TestRefunds.Now.AddMinutes(10));

        refund.Settle(true, "OKD61H8ABC", Operator, "Reversal OKD61H8ABC on the statement", SettledAt).Must();

        Assert.Equal(RefundStatus.Succeeded, refund.Status);
        Assert.Equal("OKD61H8ABC", refund.ReversalReceiptNumber);
        Assert.Equal(Operator, refund.SettledBy);
        Assert.Equal("Reversal OKD61H8ABC on the statement", refund.SettlementNote);
        Assert.Equal(SettledAt, refund.CompletedAt);
        Assert.Null(refund.Review);
        Assert.Null(refund.OpenPaymentId);
        Assert.Equal([new RefundSucceeded(refund.Id, "OKD61H8ABC", SettledAt)], refund.Raised());
    }

    [Fact]
    public void Settle_UnknownAsFailed_FailsAsSettledAsFailedKeepingTheNote()
    {
        var refund = TestRefunds.Pending();
        refund.RecordNoAnswer(ReversalNoAnswer.TimedOut, TestRefunds.Now.AddSeconds(30));

        refund.Settle(false, null, "ops:wanjiku", "No reversal on the statement", SettledAt).Must();

        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal("ops:wanjiku", refund.SettledBy);
        Assert.Equal("settled_as_failed", refund.Failure!.Code);
        Assert.Equal("No reversal on the statement", refund.Failure.ResultDescription);
        Assert.Null(refund.Failure.ResultCode);
        Assert.True(refund.Failure.Retriable);
        Assert.Null(refund.Review);
        Assert.Null(refund.OpenPaymentId);
        Assert.Equal([new RefundFailed(refund.Id, "settled_as_failed", SettledAt)], refund.Raised());
    }

    [Fact]
    public void Settle_Twice_IsRefusedTheSecondTime()
    {
        var refund = TestRefunds.UnknownWithIds();
        refund.Settle(false, null, Operator, "Not on the statement", SettledAt).Must();

        var refused = refund.Settle(true, "OKD61H8ABC", Operator, "Changed my mind", SettledAt.AddMinutes(1));

        Assert.Equal("refund_not_settleable", refused.Error?.Code);
        Assert.Equal(RefundStatus.Failed, refund.Status);
        Assert.Equal("Not on the statement", refund.SettlementNote);
    }
}
