using Shield.Application.Payments.ReconcilePendingAttempts;

namespace Shield.UnitTests.Application.Payments.ReconcilePendingAttempts;

/// <summary>The reconciler's service logs a pass at Information only when it did something (DidNothing is false).</summary>
public sealed class ReconciliationReportTests
{
    [Fact]
    public void DidNothing_PassThatFoundNothingToDo_IsTrue()
    {
        Assert.True(new ReconciliationReport(0, 0, 0, 0, 0, 0).DidNothing);
    }

    [Theory]
    [InlineData(1, 0, 0, 0, 0, 0)]
    [InlineData(0, 1, 0, 0, 0, 0)]
    [InlineData(0, 0, 1, 0, 0, 0)]
    [InlineData(0, 0, 0, 1, 0, 0)]
    [InlineData(0, 0, 0, 0, 1, 0)]
    [InlineData(0, 0, 0, 0, 0, 1)]
    public void DidNothing_PassThatDidAnything_IsFalse(int queried, int settled, int expired, int matched, int swept, int failed)
    {
        Assert.False(new ReconciliationReport(queried, settled, expired, matched, swept, failed).DidNothing);
    }
}
