using Ardalis.Specification;
using Shield.Application.Common.Persistence;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>Loads and stores Payment aggregates (with their attempts). Reads go through specifications.</summary>
public interface IPaymentRepository
{
    IUnitOfWork UnitOfWork { get; }

    void Add(Payment payment);

    Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken);

    Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken);

    /// <summary>How many payments match the specification's criteria (its ordering and paging are ignored).</summary>
    Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken);
}
