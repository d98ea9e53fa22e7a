using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

internal sealed class PaymentRepository(ShieldDbContext db, IUnitOfWork unitOfWork) : IPaymentRepository
{
    public IUnitOfWork UnitOfWork => unitOfWork;

    public void Add(Payment payment) => db.Payments.Add(payment);

    public Task<Payment?> FirstOrDefaultAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments, specification).FirstOrDefaultAsync(cancellationToken));

    public Task<List<Payment>> ListAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.Apply(db.Payments, specification).ToListAsync(cancellationToken));

    public Task<int> CountAsync(ISpecification<Payment> specification, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(() => SpecificationEvaluator.ApplyCriteria(db.Payments, specification).CountAsync(cancellationToken));
}
