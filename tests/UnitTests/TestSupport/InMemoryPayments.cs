using Ardalis.Specification;
using NSubstitute;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.UnitTests.TestSupport;

/// <summary>
/// A substitute <see cref="IPaymentRepository"/> over a list of payments: every read evaluates the real specification
/// in memory (Ardalis' evaluator; a count, its criteria only), so a test sees what the specification selects. Saves go to <see cref="UnitOfWork"/>.
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
