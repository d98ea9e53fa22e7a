using CsCheck;
using Shield.Domain.Refunds;
using Shield.Domain.Refunds.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Properties;

/// <summary>
/// Whatever Daraja, M-Pesa, the reconciler and people do to a refund, in any order and any number of times: a Succeeded
/// refund stays Succeeded and its reversal receipt, once known, never changes; it is announced Succeeded at most once; an R000001 or a
/// queue timeout never fails it; it holds its payment's one open slot exactly while Pending, Unknown or AwaitingApproval;
/// one awaiting approval leaves that state only approved by someone other than its requester (Pending) or rejected
/// (Failed), and nothing about M-Pesa changes it; and its version grows with every change.
/// </summary>
public sealed class RefundInvariantTests
{
    private static readonly string[] Codes = ["0", "R000001", "r000001", "R000002", "1", "11", "21", "2001", "2006", "2028", "8006", "17"];

    /// <summary>One thing that can happen to a refund.</summary>
    private static readonly Gen<Action<Refund, DateTimeOffset>> Step = Gen.OneOf(
        Gen.Select(Gen.OneOf(Codes), Gen.OneOf<string?>("REV0000001", "REV0000002", null),
            Gen.OneOf<decimal?>(100m, 99m, null),
            Gen.OneOf<string?>(TestPayments.ReceiptNumber, "OTHER00001", null),
            (code, receipt, amount, original) => (Action<Refund, DateTimeOffset>)((r, now) =>
                r.ApplyResult(new ReversalResult("AG_1", "1-1", code, "desc", receipt, amount, original, now), now))),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => r.RecordQueueTimeout(now)),
        Gen.Select(Gen.OneOf("0", "2032"), Gen.OneOf<string?>("REV0000003", TestPayments.ReceiptNumber, null), Gen.Bool, (code, receipt, timedOut) => (Action<Refund, DateTimeOffset>)((r, now) =>
                r.RecordVerification(new ReversalStatusReport("AG_s", "s-1", code, "desc", receipt, 100m, "Completed", now, timedOut), now))),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => r.RecordVerificationRequested("AG_s", "s-1", now)),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => r.GiveToPerson(now)),
        Gen.Bool.Select(succeeded => (Action<Refund, DateTimeOffset>)((r, now) => _ = r.Settle(succeeded, succeeded ? "REV0000009" : null, "ops", "note", now))),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => r.RecordSubmitted("AG_1", "1-1", now)),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => r.RecordNoAnswer(ReversalNoAnswer.TimedOut, now)),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => r.RecordNotSent("400.002.02", "Bad Request", now)),
        Gen.OneOf(TestRefunds.Maker, TestRefunds.Checker).Select(by => (Action<Refund, DateTimeOffset>)((r, now) => _ = r.Approve(by, now))),
        Gen.Const<Action<Refund, DateTimeOffset>>((r, now) => _ = r.Reject(TestRefunds.Checker, "no", now)));

    [Fact]
    public void AnyHistory_KeepsTheRefundsInvariants() =>
        Gen.Select(Gen.Bool, Step.Array[1, 25]).Sample((held, steps) =>
        {
            var refund = held ? TestRefunds.AwaitingApproval() : TestRefunds.Pending();
            var now = TestRefunds.Now;
            string? firstReceipt = null;
            var succeededEvents = 0;
            foreach (var step in steps)
            {
                var (before, version) = (refund.Status, refund.Version);
                now = now.AddSeconds(7);
                step(refund, now);
                succeededEvents += refund.DomainEvents.Count(e => e.Event is RefundSucceeded);
                refund.ClearDomainEvents();

                if (before == RefundStatus.Succeeded)
                {
                    // Succeeded stays so; a receipt once known never changes (one settled without it may learn it).
                    Assert.Equal(RefundStatus.Succeeded, refund.Status);
                    Assert.True(firstReceipt is null || firstReceipt == refund.ReversalReceiptNumber, $"{firstReceipt} became {refund.ReversalReceiptNumber}");
                }

                if (refund.Status == RefundStatus.Succeeded)
                {
                    firstReceipt ??= refund.ReversalReceiptNumber;
                }

                Assert.Equal(refund.HoldsOpenSlot, refund.OpenPaymentId is not null);
                Assert.True(before != RefundStatus.AwaitingApproval || refund.Status is RefundStatus.AwaitingApproval or RefundStatus.Failed
                    || (refund.Status == RefundStatus.Pending && refund.ApprovedBy == TestRefunds.Checker), $"{before} became {refund.Status}");
                Assert.True(refund.Status != RefundStatus.AwaitingApproval || refund.SubmittedAt is null);
                Assert.True(refund.Version >= version);
                Assert.True(refund.Status != RefundStatus.Failed || refund.Failure is not null);
                Assert.False(refund.Failure?.Code == "already_reversed", "R000001 failed the refund");
            }

            Assert.InRange(succeededEvents, 0, 1);
        }, iter: 3000);
}
