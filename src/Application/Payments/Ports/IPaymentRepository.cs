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
}
