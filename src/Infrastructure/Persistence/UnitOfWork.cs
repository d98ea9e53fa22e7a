using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Events;
using Shield.Application.Common.Persistence;
using Shield.Domain.Common;
using Shield.Infrastructure.Events;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The one commit point of a request: writes the events the tracked aggregates raised to the outbox in the same
/// SaveChanges as the aggregates themselves (one transaction: both or neither), saves through <see cref="SqliteWriteGate"/>,
/// translates provider errors, and wakes this process's dispatcher once the commit is done.
/// </summary>
internal sealed class UnitOfWork(ShieldDbContext db, SqliteWriteGate writeGate, IEnumerable<IEventJournal> journals, EventSignal signal,
    Webhooks.WebhookSignal webhooks) : IUnitOfWork
{
    /// <summary>The events already added to the outbox by this unit of work, so that a save tried again does not add them twice.</summary>
    private readonly HashSet<(Guid StreamId, int Sequence)> _journaled = [];

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        var aggregates = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
        foreach (var outbox in aggregates.SelectMany(a => journals.SelectMany(j => j.Journal(a))).Where(e => _journaled.Add((e.StreamId, e.Sequence))))
        {
            db.Events.Add(new StoredEvent
            {
                Id = outbox.Id,
                Type = outbox.Type,
                StreamId = outbox.StreamId,
                PaymentId = outbox.PaymentId,
                Sequence = outbox.Sequence,
                ClientId = outbox.ClientId,
                OccurredAt = outbox.OccurredAt,
                NextAttemptAt = outbox.OccurredAt,
                Data = outbox.Data,
            });
        }

        var deliveries = db.ChangeTracker.Entries<Domain.Webhooks.WebhookDelivery>()
            .Any(e => e.State == EntityState.Added || (e.State == EntityState.Modified && e.Entity.Status == Domain.Webhooks.WebhookDeliveryStatus.Pending));
        try
        {
            await writeGate.RunAsync(db.SaveChangesAsync, cancellationToken);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException("Another writer changed the payment first.", exception);
        }
        catch (DbUpdateException exception) when (DatabaseErrors.UniqueViolation(exception) is UniqueKey.AttemptNumber or UniqueKey.EventSequence)
        {
            // Another writer added this attempt number (or event number) to the same payment and committed first: on
            // SQLite the version check says so, on PostgreSQL and SQL Server a primary or unique key may say it first.
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
            aggregate.ClearDomainEvents();
        }

        _journaled.Clear();
        if (aggregates.Count > 0)
        {
            signal.Notify();
        }

        if (deliveries)
        {
            webhooks.Notify();
        }
    }

    public void DiscardChanges()
    {
        db.ChangeTracker.Clear();
        _journaled.Clear();
    }
}
