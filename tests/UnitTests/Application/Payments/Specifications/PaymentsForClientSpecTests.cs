using Ardalis.Specification;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Specifications;

/// <summary>What GET /payments lists: the client's payments matching every filter given, newest first, paged.</summary>
public sealed class PaymentsForClientSpecTests
{
    private static readonly DateTimeOffset T = TestPayments.Now;
    private static readonly PaymentFilter NoFilter = new(null, null, null, null, null);

    private readonly List<Payment> _payments = [];

    private List<Payment> List(PaymentFilter filter, int? page = null, int? pageSize = null, string client = TestPayments.Client) =>
        InMemorySpecificationEvaluator.Default.Evaluate(_payments, new PaymentsForClientSpec(new ClientId(client), filter, page, pageSize)).ToList();

    private Payment Stored(DateTimeOffset createdAt, string phone = "0708374149", string reference = "INV-001", string client = TestPayments.Client)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId(client), null, Msisdn.Parse(phone), new Amount(100),
            AccountReference.Parse(reference), Description.Default, createdAt);
        _payments.Add(payment);
        return payment;
    }

    [Fact]
    public void Spec_NoFilter_IsEveryPaymentOfTheClientNewestFirst()
    {
        var oldest = Stored(T.AddMinutes(-3));
        var newest = Stored(T.AddMinutes(-1));
        var middle = Stored(T.AddMinutes(-2));
        Stored(T, client: "client-b");

        Assert.Equal([newest, middle, oldest], List(NoFilter));
    }

    [Fact]
    public void Spec_Status_KeepsOnlyThatStatus()
    {
        var pending = Stored(T.AddMinutes(-1));
        var cancelled = Stored(T);
        cancelled.RecordPushAccepted(1, "m", "ws_CO_1", T).Must();
        cancelled.ApplyStkResult(TestPayments.Failure("1032", checkoutRequestId: "ws_CO_1"), T.AddSeconds(20)).Must();

        Assert.Equal([cancelled], List(NoFilter with { Status = PaymentStatus.Cancelled }));
        Assert.Equal([pending], List(NoFilter with { Status = PaymentStatus.Pending }));
    }

    [Fact]
    public void Spec_PhoneNumber_KeepsOnlyThatPhone()
    {
        var wanted = Stored(T.AddMinutes(-1), phone: "0708374149");
        Stored(T, phone: "0708374150");

        Assert.Equal([wanted], List(NoFilter with { PhoneNumber = Msisdn.Parse("254708374149") }));
    }

    [Fact]
    public void Spec_AccountReference_KeepsOnlyThatReference()
    {
        var wanted = Stored(T.AddMinutes(-1), reference: "INV-002");
        Stored(T, reference: "INV-001");

        Assert.Equal([wanted], List(NoFilter with { AccountReference = AccountReference.Parse("INV-002") }));
    }

    [Fact]
    public void Spec_CreatedFromAndTo_AreInclusiveBounds()
    {
        Stored(T.AddSeconds(-1));
        var atFrom = Stored(T);
        var inside = Stored(T.AddMinutes(5));
        var atTo = Stored(T.AddMinutes(10));
        Stored(T.AddMinutes(10).AddSeconds(1));

        Assert.Equal([atTo, inside, atFrom], List(NoFilter with { CreatedFrom = T, CreatedTo = T.AddMinutes(10) }));
    }

    [Fact]
    public void Spec_OnlyCreatedFrom_HasNoUpperBound()
    {
        Stored(T.AddSeconds(-1));
        var later = Stored(T.AddDays(30));

        Assert.Equal([later], List(NoFilter with { CreatedFrom = T }));
    }

    [Fact]
    public void Spec_OnlyCreatedTo_HasNoLowerBound()
    {
        var earlier = Stored(T.AddDays(-30));
        Stored(T.AddSeconds(1));

        Assert.Equal([earlier], List(NoFilter with { CreatedTo = T }));
    }

    [Fact]
    public void Spec_EveryFilter_MustAllMatch()
    {
        var wanted = Stored(T, phone: "0708374149", reference: "INV-002");
        Stored(T, phone: "0708374150", reference: "INV-002");
        Stored(T, phone: "0708374149", reference: "INV-001");
        Stored(T.AddHours(-2), phone: "0708374149", reference: "INV-002");

        var filter = new PaymentFilter(PaymentStatus.Pending, Msisdn.Parse("0708374149"), AccountReference.Parse("INV-002"), T.AddHours(-1), T);

        Assert.Equal([wanted], List(filter));
    }

    [Theory]
    [InlineData(1, 2, new[] { 0, 1 })]
    [InlineData(2, 2, new[] { 2, 3 })]
    [InlineData(3, 2, new[] { 4 })]
    [InlineData(4, 2, new int[0])]
    [InlineData(1, 5, new[] { 0, 1, 2, 3, 4 })]
    public void Spec_Page_SkipsEarlierPagesAndTakesOnePage(int page, int pageSize, int[] expected)
    {
        var newestFirst = Enumerable.Range(0, 5).Select(i => Stored(T.AddMinutes(-i))).ToList();

        Assert.Equal(expected.Select(i => newestFirst[i]), List(NoFilter, page, pageSize));
    }

    [Fact]
    public void Constructor_NoFilter_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new PaymentsForClientSpec(new ClientId(TestPayments.Client), null!));
    }
}
