using Ardalis.Specification;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Specifications;

/// <summary>One payment of one client: another client's payment is not found.</summary>
public sealed class PaymentByIdSpecTests
{
    private readonly List<Payment> _payments = [];

    private Payment? Find(PaymentId id, string client = TestPayments.Client) =>
        InMemorySpecificationEvaluator.Default.Evaluate(_payments, new PaymentByIdSpec(id, new ClientId(client))).SingleOrDefault();

    [Fact]
    public void Spec_IdOfTheClientsPayment_FindsIt()
    {
        _payments.Add(TestPayments.New());
        var wanted = TestPayments.New();
        _payments.Add(wanted);

        Assert.Same(wanted, Find(wanted.Id));
    }

    [Fact]
    public void Spec_IdOfAnotherClientsPayment_FindsNothing()
    {
        var others = TestPayments.New(client: "client-b");
        _payments.Add(others);

        Assert.Null(Find(others.Id));
    }

    [Fact]
    public void Spec_UnknownId_FindsNothing()
    {
        _payments.Add(TestPayments.New());

        Assert.Null(Find(PaymentId.New()));
    }

    // A read (GET) is not tracked; a change (retry, verify, reconcile) must be, or EF saves nothing of it.
    [Fact]
    public void Spec_ForARead_IsNotTracked()
    {
        Assert.True(new PaymentByIdSpec(PaymentId.New(), new ClientId(TestPayments.Client)).AsNoTracking);
    }

    [Fact]
    public void Spec_ForUpdate_IsTrackedSoChangesAreSaved()
    {
        Assert.False(new PaymentByIdSpec(PaymentId.New(), new ClientId(TestPayments.Client), forUpdate: true).AsNoTracking);
    }
}
