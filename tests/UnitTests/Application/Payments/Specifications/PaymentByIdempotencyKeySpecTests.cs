using Ardalis.Specification;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.Specifications;

/// <summary>The payment an Idempotency-Key was first used for: keys are per client.</summary>
public sealed class PaymentByIdempotencyKeySpecTests
{
    private readonly List<Payment> _payments = [];

    private Payment? Find(string key, string client = TestPayments.Client) =>
        InMemorySpecificationEvaluator.Default.Evaluate(_payments, new PaymentByIdempotencyKeySpec(new ClientId(client), key)).SingleOrDefault();

    private Payment Stored(string? key, string client = TestPayments.Client)
    {
        var payment = Payment.Initiate(PaymentId.New(), new ClientId(client), key, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-001"), Description.Default, TestPayments.Now);
        _payments.Add(payment);
        return payment;
    }

    [Fact]
    public void Spec_KeyTheClientUsed_FindsThatPayment()
    {
        Stored("key-0");
        Stored(null);
        var wanted = Stored("key-1");

        Assert.Same(wanted, Find("key-1"));
    }

    [Fact]
    public void Spec_SameKeyUsedByAnotherClient_IsNotTheirs()
    {
        Stored("key-1", client: "client-b");

        Assert.Null(Find("key-1"));
    }
}
