using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Common;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Common;

/// <summary>The write pipeline: load, decide, save; decided again after a conflict; a refusal is returned and nothing of it saved.</summary>
public sealed class PaymentWriterTests
{
    private readonly FakeTimeProvider _clock = new(TestPayments.Now.AddSeconds(30));
    private readonly InMemoryPayments _store = new();

    private PaymentWriter Writer() => Pipeline.Writer(_store.Repository, _clock);

    [Fact]
    public async Task RecordAsync_DecisionWithAValueRefused_ReturnsTheRefusalAndForgetsTheRound()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());

        var result = await Writer().RecordAsync(PaymentLookup.Loaded(payment), (p, now) => (Result<int>)PaymentErrors.SubscriberBusy());

        Assert.Equal("subscriber_busy", result.Error?.Code);
        await _store.UnitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
        _store.UnitOfWork.Received(1).DiscardChanges();
    }

    [Fact]
    public async Task RecordAsync_DecisionWithAValue_ReturnsThePaymentAndTheValue()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());

        var result = await Writer().RecordAsync(PaymentLookup.Loaded(payment), (p, now) => (Result<DateTimeOffset>)now);

        Assert.Same(payment, result.Value.Payment);
        Assert.Equal(_clock.GetUtcNow(), result.Value.Value);
        await _store.UnitOfWork.Received(1).SaveChangesAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ChangeAsync_EveryRoundLosesARace_GivesUpAfterMaxRoundsWithTheConflict()
    {
        var payment = _store.Add(TestPayments.AwaitingCustomer());
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new ConcurrencyConflictException()));
        var rounds = 0;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Writer().ChangeAsync(PaymentLookup.Of(payment.Id), (p, now) =>
        {
            rounds++;
            return Result.Success();
        }, CancellationToken.None));

        Assert.Equal(ConflictRetry.MaxRounds, rounds);
    }

    [Fact]
    public async Task RecordAsync_DatabaseBackAfterAMoment_RecordsTheFactAfterWaitingForIt()
    {
        var payment = _store.Add(TestPayments.New());
        _store.UnitOfWork.SaveChangesAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new DatabaseUnavailableException("down")), Task.CompletedTask);
        var started = Stopwatch.GetTimestamp();

        var result = await Writer().RecordAsync(PaymentLookup.Loaded(payment),
            (p, now) => p.RecordPushAccepted(1, TestPayments.MerchantRequestId, TestPayments.CheckoutRequestId, now));

        Assert.True(result.IsSuccess);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(450), "the database is given a moment before the next try");
        Assert.Equal(AttemptStatus.AwaitingCustomer, result.Value.CurrentAttempt.Status);
        _store.UnitOfWork.Received(1).DiscardChanges(); // the failed round's tracked changes are forgotten before the next
        await _store.UnitOfWork.Received(2).SaveChangesAsync(CancellationToken.None);
    }
}
