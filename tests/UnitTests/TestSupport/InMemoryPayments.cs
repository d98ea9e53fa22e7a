using Ardalis.Specification;
using NSubstitute;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.UnitTests.TestSupport;

/// <summary>
/// A substitute <see cref="IPaymentRepository"/> over a list of payments: every read evaluates the real specification
/// (Ardalis' evaluator; a count, its criteria only) or the domain's own rule in memory, so a test sees what production
/// selects. Saves go to <see cref="UnitOfWork"/>.
/// </summary>
internal sealed class InMemoryPayments
{
    public InMemoryPayments()
    {
        Repository.UnitOfWork.Returns(UnitOfWork);
        Repository.ListAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>())
            .Returns(call => InMemorySpecificationEvaluator.Default.Evaluate(Stored, call.Arg<ISpecification<Payment>>()).ToList());
        Repository.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>())
            .Returns(call => InMemorySpecificationEvaluator.Default.Evaluate(Stored, call.Arg<ISpecification<Payment>>()).FirstOrDefault());
        Repository.FindAsync(Arg.Any<PaymentId>(), Arg.Any<ClientId?>(), Arg.Any<CancellationToken>())
            .Returns(call => Stored.Find(p => p.Id == call.Arg<PaymentId>() && (call.Arg<ClientId?>() is not { } owner || p.ClientId == owner)));
        Repository.FindByCheckoutRequestIdAsync(Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(call => Stored.Find(p => p.Attempts.Any(a => a.CheckoutRequestId == call.Arg<string>())));
        Repository.ListDueForReconciliationAsync(Arg.Any<ReconciliationSchedule>(), Arg.Any<DateTimeOffset>(), Arg.Any<int>(), Arg.Any<CancellationToken>())
            .Returns(call => (IReadOnlyList<PaymentId>)[.. Stored
                .Where(p => p.AttemptDueForReconciliation(call.Arg<ReconciliationSchedule>(), call.Arg<DateTimeOffset>()) is not null)
                .OrderBy(p => p.CreatedAt)
                .Take(call.Arg<int>())
                .Select(p => p.Id)]);

        // Like the real repository, a count applies the specification's criteria only (no ordering, no paging).
        Repository.CountAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<ISpecification<Payment>>().WhereExpressions
                .Aggregate(Stored.AsEnumerable(), (payments, where) => payments.Where(where.FilterFunc)).Count());
    }

    public List<Payment> Stored { get; } = [];

    public IPaymentRepository Repository { get; } = Substitute.For<IPaymentRepository>();

    public IUnitOfWork UnitOfWork { get; } = Substitute.For<IUnitOfWork>();

    public Payment Add(Payment payment)
    {
        Stored.Add(payment);
        return payment;
    }
}
