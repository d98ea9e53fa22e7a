using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Shield.Application.Common.Events;
using Shield.Application.Refunds.Common;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.Common;

/// <summary>A refund's events become outbox rows in its own stream, each carrying the refund as GET shows it.</summary>
public sealed class RefundEventJournalTests
{
    private static readonly DateTimeOffset ReversedAt = TestRefunds.Now.AddSeconds(30);
    private readonly RefundEventJournal _journal = new(Mapping.Create());

    /// <summary>Requested (RefundCreated, 1), acknowledged, then reversed (RefundSucceeded, 2), all in one unit of work.</summary>
    private static Refund CreatedAndSucceeded()
    {
        var refund = Refund.Request(RefundId.New(), TestRefunds.Client, TestRefunds.Payment(amount: 150), null, RefundReason.From(TestRefunds.Reason),
            TestRefunds.Key, allowPartial: false, TestRefunds.Now).Must();
        refund.RecordSubmitted(TestRefunds.ConversationId, TestRefunds.OriginatorConversationId, TestRefunds.SubmittedAt);
        Assert.Equal(ReversalApplication.Applied, refund.ApplyResult(TestRefunds.Result(amount: 150, completedAt: ReversedAt), ReversedAt));
        return refund;
    }

    [Fact]
    public void Journal_CreatedThenSucceeded_IsTwoEventsInTheRefundsStreamInOrder()
    {
        var refund = CreatedAndSucceeded();

        var rows = _journal.Journal(refund).ToList();

        Assert.Equal([RefundEventTypes.Created, RefundEventTypes.Succeeded], rows.Select(r => r.Type));
        Assert.Equal(["refund.created", "refund.succeeded"], rows.Select(r => r.Type));
        Assert.Equal([1, 2], rows.Select(r => r.Sequence));
        Assert.All(rows, r => Assert.Equal(refund.Id.Value, r.StreamId));
        Assert.All(rows, r => Assert.Equal(TestRefunds.PaymentId.Value, r.PaymentId));
        Assert.All(rows, r => Assert.Equal(TestPayments.Client, r.ClientId));
        Assert.Equal([TestRefunds.Now, ReversedAt], rows.Select(r => r.OccurredAt));
        Assert.Equal(2, rows.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void Journal_Data_IsTheRefundAsTheApiWritesIt()
    {
        var refund = CreatedAndSucceeded();

        var rows = _journal.Journal(refund).ToList();

        Assert.Equal(rows[0].Data, rows[1].Data);
        using var data = JsonDocument.Parse(rows[0].Data);
        var root = data.RootElement;
        Assert.Equal(refund.Id.Value, root.GetProperty("id").GetGuid());
        Assert.Equal(TestRefunds.PaymentId.Value, root.GetProperty("paymentId").GetGuid());
        Assert.Equal(150, root.GetProperty("amount").GetInt32());
        Assert.Equal("Succeeded", root.GetProperty("status").GetString());
        Assert.Equal(TestRefunds.Reason, root.GetProperty("reason").GetString());
        Assert.Equal(TestRefunds.ReversalReceipt, root.GetProperty("reversalReceiptNumber").GetString());
        Assert.Equal(ReversedAt, root.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("failure").ValueKind);
        Assert.False(root.TryGetProperty("Status", out _));
    }

    [Fact]
    public void Journal_Failed_IsTypedRefundFailed()
    {
        var refund = TestRefunds.Submitted();
        refund.ApplyResult(TestRefunds.Failure("R000002"), TestRefunds.Now.AddSeconds(20));

        var row = Assert.Single(_journal.Journal(refund));

        Assert.Equal("refund.failed", row.Type);
        Assert.Equal(2, row.Sequence);
        using var data = JsonDocument.Parse(row.Data);
        Assert.Equal("original_transaction_invalid", data.RootElement.GetProperty("failure").GetProperty("code").GetString());
    }

    [Fact]
    public void Journal_RefundWithoutNewEvents_IsNothing()
    {
        Assert.Empty(_journal.Journal(TestRefunds.Submitted()));
    }

    [Fact]
    public void Journal_PaymentAggregate_IsNothing()
    {
        var payment = TestPayments.New();
        Assert.NotEmpty(payment.DomainEvents);

        Assert.Empty(_journal.Journal(payment));
    }

    [Fact]
    public async Task DeliverAsync_JournalledRow_GivesHandlersTheRefundEvent()
    {
        var refund = CreatedAndSucceeded();
        var row = _journal.Journal(refund).Last();
        var handler = Substitute.For<IEventHandler<RefundEvent>>();
        using var services = new ServiceCollection().AddSingleton(handler).BuildServiceProvider();
        var delivery = new RefundEventDelivery();

        Assert.True(delivery.Delivers(row.Type));
        Assert.False(delivery.Delivers("payment.completed"));
        await delivery.DeliverAsync(row, services, CancellationToken.None);

        await handler.Received(1).HandleAsync(Arg.Is<RefundEvent>(e => e.Id == row.Id && e.Type == "refund.succeeded" && e.RefundId == refund.Id.Value
            && e.PaymentId == TestRefunds.PaymentId.Value && e.Sequence == 2 && e.ClientId == TestPayments.Client
            && e.Refund.Status == RefundStatus.Succeeded && e.Refund.ReversalReceiptNumber == TestRefunds.ReversalReceipt), Arg.Any<CancellationToken>());
    }
}
