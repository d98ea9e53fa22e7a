using Microsoft.EntityFrameworkCore;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.Events;

/// <summary>
/// Takes the next events to deliver, for one dispatcher, for a while: each aggregate's earliest event not yet delivered
/// (never one whose predecessor is not delivered: one payment's, or one refund's, events are delivered in Sequence order), due, and not
/// leased by another dispatcher. PostgreSQL skips rows another dispatcher is locking (<c>FOR UPDATE SKIP LOCKED</c>), SQL
/// Server likewise (<c>UPDLOCK, READPAST</c>); SQLite has one process, and takes each row with a compare-and-set.
/// </summary>
internal sealed class EventLeases(ShieldDbContext db, SqliteWriteGate writeGate)
{
    /// <summary>The PostgreSQL lease: one statement, so the rows are locked, skipped by others, and leased together.</summary>
    internal const string PostgresSql = """
        UPDATE "Events" SET "LeaseOwner" = @owner, "LeasedUntil" = @until
        WHERE "Id" IN (
            SELECT e."Id" FROM "Events" e
            WHERE e."DispatchedAt" IS NULL AND e."NextAttemptAt" <= @now AND (e."LeasedUntil" IS NULL OR e."LeasedUntil" < @now)
              AND NOT EXISTS (SELECT 1 FROM "Events" p WHERE p."StreamId" = e."StreamId" AND p."Sequence" < e."Sequence" AND p."DispatchedAt" IS NULL)
            ORDER BY e."OccurredAt", e."Id"
            LIMIT @take
            FOR UPDATE SKIP LOCKED)
        RETURNING *
        """;

    /// <summary>The SQL Server lease (parsed by the ScriptDom tests).</summary>
    internal const string SqlServerSql = """
        WITH next AS (
            SELECT TOP (@take) e.* FROM [Events] e WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE e.[DispatchedAt] IS NULL AND e.[NextAttemptAt] <= @now AND (e.[LeasedUntil] IS NULL OR e.[LeasedUntil] < @now)
              AND NOT EXISTS (SELECT 1 FROM [Events] p WHERE p.[StreamId] = e.[StreamId] AND p.[Sequence] < e.[Sequence] AND p.[DispatchedAt] IS NULL)
            ORDER BY e.[OccurredAt], e.[Id])
        UPDATE next SET [LeaseOwner] = @owner, [LeasedUntil] = @until
        OUTPUT inserted.*;
        """;

    public async Task<IReadOnlyList<StoredEvent>> LeaseAsync(string owner, DateTimeOffset now, DateTimeOffset until, int take, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            return await LeaseOnSqliteAsync(owner, now, until, take, cancellationToken);
        }

        var values = new (string Name, object Value)[] { ("owner", owner), ("until", until.ToUniversalTime()), ("now", now.ToUniversalTime()), ("take", take) };
        object[] parameters = db.Database.IsNpgsql()
            ? [.. values.Select(v => new Npgsql.NpgsqlParameter(v.Name, v.Value))]
            : [.. values.Select(v => new Microsoft.Data.SqlClient.SqlParameter("@" + v.Name, v.Value))];
        var sql = db.Database.IsNpgsql() ? PostgresSql : SqlServerSql;
        return await db.Events.FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>Marks a leased event delivered; false when this dispatcher no longer held it (its lease ran out and another took it).</summary>
    public async Task<bool> MarkDispatchedAsync(Guid id, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        await WriteAsync(ct => db.Events.Where(e => e.Id == id && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.LeasedUntil, (DateTimeOffset?)null), ct), cancellationToken) == 1;

    /// <summary>A handler failed: released, and due again after <paramref name="retryAt"/>.</summary>
    public Task MarkFailedAsync(Guid id, string owner, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        WriteAsync(ct => db.Events.Where(e => e.Id == id && e.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.NextAttemptAt, retryAt)
                .SetProperty(e => e.LastError, error).SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeasedUntil, (DateTimeOffset?)null), ct),
            cancellationToken);

    /// <summary>Deletes delivered events older than the retention; returns how many.</summary>
    public Task<int> DeleteDeliveredBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        WriteAsync(ct => db.Events.Where(e => e.DispatchedAt != null && e.DispatchedAt < cutoff).ExecuteDeleteAsync(ct), cancellationToken);

    private async Task<IReadOnlyList<StoredEvent>> LeaseOnSqliteAsync(string owner, DateTimeOffset now, DateTimeOffset until, int take, CancellationToken cancellationToken)
    {
        var candidates = await db.Events.AsNoTracking()
            .Where(e => e.DispatchedAt == null && e.NextAttemptAt <= now && (e.LeasedUntil == null || e.LeasedUntil < now)
                && !db.Events.Any(p => p.StreamId == e.StreamId && p.Sequence < e.Sequence && p.DispatchedAt == null))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
        var leased = new List<StoredEvent>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var taken = await WriteAsync(ct => db.Events
                .Where(e => e.Id == candidate.Id && e.DispatchedAt == null && e.NextAttemptAt <= now && (e.LeasedUntil == null || e.LeasedUntil < now)
                    && !db.Events.Any(p => p.StreamId == e.StreamId && p.Sequence < e.Sequence && p.DispatchedAt == null))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, owner).SetProperty(e => e.LeasedUntil, until), ct), cancellationToken);
            if (taken == 1)
            {
                candidate.LeaseOwner = owner;
                candidate.LeasedUntil = until;
                leased.Add(candidate);
            }
        }

        return leased;
    }

    private async Task<int> WriteAsync(Func<CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        var affected = 0;
        await writeGate.RunAsync(async ct => affected = await write(ct), cancellationToken);
        return affected;
    }
}
