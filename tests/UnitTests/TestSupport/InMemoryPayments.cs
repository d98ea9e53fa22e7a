using Ardalis.Specification;
using Mapster;
using NSubstitute;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.TestSupport;

/// <summary>
/// A substitute <see cref="IPaymentRepository"/> over a list of payments: every read evaluates the real specification
/// (Ardalis' evaluator; a count, its criteria only) or the domain's own rule in memory, so a test sees what production
/// selects; <see cref="Details"/> reads the same list as clients see it. Saves go to <see cref="UnitOfWork"/>.
/// </summary>
internal sealed class InMemoryPayments
{
    public InMemoryPayments()
    {
        Repository.UnitOfWork.Returns(UnitOfWork);
        Repository.FindByIdempotencyKeyAsync(Arg.Any<ClientId>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => Evaluate(new PaymentByIdempotencyKeySpec(call.Arg<ClientId>(), call.ArgAt<string>(1))).FirstOrDefault());
        Repository.FindByVerificationAsync(Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(call => Evaluate(new PaymentByVerificationSpec(call.ArgAt<string?>(0), call.ArgAt<string?>(1), call.ArgAt<string?>(2))).FirstOrDefault());
        Repository.ListAwaitingLostPushAnswerAsync(Arg.Any<Msisdn>(), Arg.Any<Amount>(), Arg.Any<DateTimeOffset>(), Arg.Any<DateTimeOffset>(),
                Arg.Any<CancellationToken>())
            .Returns(call => (IReadOnlyList<Payment>)Evaluate(new PaymentsAwaitingLostPushAnswerSpec(call.Arg<Msisdn>(), call.Arg<Amount>(),
                call.ArgAt<DateTimeOffset>(2), call.ArgAt<DateTimeOffset>(3))));
        Repository.FindAsync(Arg.Any<PaymentId>(), Arg.Any<ClientId?>(), Arg.Any<CancellationToken>())
            .Returns(call => Stored.Find(p => p.Id == call.Arg<PaymentId>() && (call.Arg<ClientId?>() is not { } owner || p.ClientId == owner)));
        Repository.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => Stored.Find(p => p.Attempts.Any(a => a.CheckoutRequestId == call.Arg<string>())));
        Repository.ListDueForReconciliationAsync(Arg.Any<ReconciliationSchedule>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call => (IReadOnlyList<PaymentId>)[.. Stored
                .Where(p => Reconciliation.AttemptDue(p, call.Arg<ReconciliationSchedule>(), call.Arg<DateTimeOffset>()) is not null)
                .OrderBy(p => p.CreatedAt)
                .Take(call.Arg<int>())
                .Select(p => p.Id)]);

        Details.FindAsync(Arg.Any<ClientId>(), Arg.Any<PaymentId>(), Arg.Any<CancellationToken>())
            .Returns(call => Stored.Find(p => p.ClientId == call.Arg<ClientId>() && p.Id == call.Arg<PaymentId>())?.Adapt<PaymentDetails>(_mapping));
        Details.ListAsync(Arg.Any<ClientId>(), Arg.Any<PaymentFilter>(), Arg.Any<int>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call =>
            {
                var (client, filter, page, size) = (call.Arg<ClientId>(), call.Arg<PaymentFilter>(), call.ArgAt<int>(2), call.ArgAt<int>(3));
                // Like the real reader, the count applies the specification's criteria only (no ordering, no paging).
                var total = new PaymentsForClientSpec(client, filter).WhereExpressions
                    .Aggregate(Stored.AsEnumerable(), (payments, where) => payments.Where(where.FilterFunc)).Count();
                var items = Evaluate(new PaymentsForClientSpec(client, filter, page, size)).Select(p => p.Adapt<PaymentDetails>(_mapping)).ToList();
                return new PaymentPage(items, page, size, total);
            });
    }

    private readonly TypeAdapterConfig _mapping = Mapping.Create();

    private List<Payment> Evaluate(ISpecification<Payment> specification) =>
        InMemorySpecificationEvaluator.Default.Evaluate(Stored, specification).ToList();

    public List<Payment> Stored { get; } = [];

    public IPaymentRepository Repository { get; } = Substitute.For<IPaymentRepository>();

    /// <summary>The query side over the same list, projected with the production mapping.</summary>
    public IPaymentDetailsReader Details { get; } = Substitute.For<IPaymentDetailsReader>();

    public IUnitOfWork UnitOfWork { get; } = Substitute.For<IUnitOfWork>();

    public Payment Add(Payment payment)
    {
        Stored.Add(payment);
        return payment;
    }
}
