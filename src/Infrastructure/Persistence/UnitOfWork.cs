using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Shield.Application.Common.Persistence;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The one commit point of a request: saves (through <see cref="SqliteWriteGate"/>), translates provider errors, and
/// reports domain events.
/// </summary>
internal sealed partial class UnitOfWork(ShieldDbContext db, SqliteWriteGate writeGate, ILogger<UnitOfWork> logger) : IUnitOfWork
{
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var aggregates = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).ToList();
        try
        {
            await writeGate.RunAsync(db.SaveChangesAsync, cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException("Another writer changed the payment first.", exception);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.UniqueViolation(exception) is UniqueKey.AttemptNumber)
        {
            // Another writer added this attempt number to the same payment and committed first: on SQLite the version
            // check says so, on PostgreSQL and SQL Server the attempts' primary key may say it first. Same answer.
            throw new ConcurrencyConflictException("Another writer changed the payment first.", exception);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.UniqueViolation(exception) is { } key)
        {
            throw new DuplicateKeyException(key, exception);
        }
        catch (Exception exception) when (DatabaseErrors.IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException("The database could not be reached.", exception);
        }

        foreach (var aggregate in aggregates)
        {
            foreach (var domainEvent in aggregate.DomainEvents)
            {
                LogDomainEvent(logger, domainEvent.GetType().Name, aggregate is Payment payment ? payment.Id.ToString() : "-", domainEvent.OccurredAt);
            }

            aggregate.ClearDomainEvents();
        }
    }

    public void DiscardChanges() => db.ChangeTracker.Clear();

    [LoggerMessage(Level = LogLevel.Information, Message = "Domain event {EventName} for payment {PaymentId} at {OccurredAt:O}")]
    private static partial void LogDomainEvent(ILogger logger, string eventName, string paymentId, DateTimeOffset occurredAt);
}
