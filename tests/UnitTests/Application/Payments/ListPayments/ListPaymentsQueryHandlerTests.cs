using Ardalis.Specification;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.ListPayments;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.ListPayments;

/// <summary>A client's payments, filtered and paged, read through the real specification (in memory).</summary>
public sealed class ListPaymentsQueryHandlerTests
{
    private static readonly DateTimeOffset T = TestPayments.Now;
    private static readonly TimeSpan Nairobi = TimeSpan.FromHours(3);

    private readonly InMemoryPayments _store = new();

    private ListPaymentsQueryHandler Handler() => new(_store.Details);

    private static ListPaymentsQuery Query(PaymentStatus? status = null, string? phone = null, string? reference = null, DateTimeOffset? from = null,
        DateTimeOffset? to = null, int page = 1, int pageSize = ListPaymentsQuery.DefaultPageSize, string client = TestPayments.Client) =>
        new(new ClientId(client), status, phone, reference, from, to, page, pageSize);

    private Payment Stored(DateTimeOffset createdAt, string phone = "0708374149", string reference = "INV-001", string client = TestPayments.Client)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId(client), null, Msisdn.Parse(phone), new Amount(100),
            AccountReference.Parse(reference), Description.Default, createdAt);
        return _store.Add(payment);
    }

    private async Task<PaymentPage> List(ListPaymentsQuery query) => await Handler().Handle(query, CancellationToken.None);

    [Fact]
    public async Task Handle_NoFilter_ListsOnlyTheClientsPaymentsNewestFirst()
    {
        var older = Stored(T.AddMinutes(-2));
        var newer = Stored(T.AddMinutes(-1));
        Stored(T, client: "client-b");

        var page = await List(Query());

        Assert.Equal([newer.Id.Value, older.Id.Value], page.Items.Select(p => p.Id));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(1, page.Page);
        Assert.Equal(ListPaymentsQuery.DefaultPageSize, page.PageSize);
        Assert.Equal("254708374149", page.Items[0].PhoneNumber);
    }

    [Theory]
    [InlineData("0708374149")]
    [InlineData("0708 374 149")]
    [InlineData("+254708374149")]
    [InlineData("708374149")]
    public async Task Handle_PhoneInAnyAcceptedForm_FindsThePaymentStoredInTwelveDigits(string phone)
    {
        var wanted = Stored(T.AddMinutes(-2), phone: "254708374149");
        Stored(T.AddMinutes(-1), phone: "0708374150");

        var page = await List(Query(phone: phone));

        Assert.Equal(wanted.Id.Value, Assert.Single(page.Items).Id);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Handle_AccountReference_FindsOnlyThatReference()
    {
        var wanted = Stored(T.AddMinutes(-2), reference: "INV-002");
        Stored(T.AddMinutes(-1), reference: "INV-001");

        var page = await List(Query(reference: " INV-002 "));

        Assert.Equal(wanted.Id.Value, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task Handle_Status_FindsOnlyPaymentsInThatStatus()
    {
        var cancelled = TestPayments.AwaitingCustomer();
        cancelled.ApplyStkResult(TestPayments.Failure("1032"), T.AddSeconds(20)).Must();
        _store.Add(cancelled);
        Stored(T.AddMinutes(-1));

        var page = await List(Query(status: PaymentStatus.Cancelled));

        Assert.Equal(cancelled.Id.Value, Assert.Single(page.Items).Id);
        Assert.Equal(PaymentStatus.Cancelled, page.Items[0].Status);
    }

    [Fact]
    public async Task Handle_DatesInAnotherOffset_AreTheSameInstantsInclusive()
    {
        Stored(T.AddMinutes(-11));
        var atFrom = Stored(T.AddMinutes(-10));
        var atTo = Stored(T);
        Stored(T.AddMinutes(1));

        // T is 09:00 UTC: 12:00 in Nairobi.
        var page = await List(Query(from: T.AddMinutes(-10).ToOffset(Nairobi), to: T.ToOffset(Nairobi)));

        Assert.Equal([atTo.Id.Value, atFrom.Id.Value], page.Items.Select(p => p.Id));
        Assert.Equal(2, page.TotalCount);
    }

    [Fact]
    public async Task Handle_SecondPage_GivesThatPageAndTheTotalOfAllPages()
    {
        var payments = Enumerable.Range(0, 5).Select(i => Stored(T.AddMinutes(-i))).ToList(); // newest first

        var page = await List(Query(page: 2, pageSize: 2));

        Assert.Equal([payments[2].Id.Value, payments[3].Id.Value], page.Items.Select(p => p.Id));
        Assert.Equal(5, page.TotalCount);
        Assert.Equal(2, page.Page);
        Assert.Equal(2, page.PageSize);
    }

    [Fact]
    public async Task Handle_PageAfterTheLast_IsEmptyButKeepsTheTotal()
    {
        Stored(T.AddMinutes(-1));
        Stored(T);

        var page = await List(Query(page: 3, pageSize: 1));

        Assert.Empty(page.Items);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(3, page.Page);
    }

    [Fact]
    public async Task Handle_NothingMatches_IsAnEmptyPageWithoutListQuery()
    {
        Stored(T, phone: "0708374150");

        var page = await List(Query(phone: "0708374149", page: 2, pageSize: 5));

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
        Assert.Equal(2, page.Page);
        Assert.Equal(5, page.PageSize);
    }

    [Fact]
    public async Task Handle_NoQuery_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Handler().Handle(null!, CancellationToken.None).AsTask());
    }
}
