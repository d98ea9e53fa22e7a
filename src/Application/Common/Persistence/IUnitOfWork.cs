namespace Shield.Application.Common.Persistence;

/// <summary>An explicit commit point. Handlers call it where the design says a commit happens, never implicitly.</summary>
public interface IUnitOfWork
{
    /// <summary>Commits every tracked change. Throws <see cref="ConcurrencyConflictException"/> when another writer got there first.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Forgets every tracked change and entity, so that the next read sees the database as it is now.</summary>
    void DiscardChanges();
}
