using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Application.OperatorConsole.Ports;
using Shield.Domain.OperatorConsole;
using Shield.Infrastructure.Persistence;

namespace Shield.Infrastructure.OperatorConsole;

/// <summary>
/// The audit log on the database. Each entry is written through a context of its own, so that nothing the action left
/// tracked (a refused command's changes) is saved with it; <see cref="ShieldDbContext"/> refuses to update or delete one.
/// </summary>
internal sealed class AuditLog(IServiceScopeFactory scopes, ShieldDbContext db, SqliteWriteGate writeGate) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<ShieldDbContext>();
            context.AuditEntries.Add(entry);
            await writeGate.RunAsync(context.SaveChangesAsync, cancellationToken);
            return true;
        });

    public Task<AuditPage> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        DatabaseErrors.Translate(async () =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var query = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(filter.Actor))
            {
                query = query.Where(e => e.Actor == filter.Actor.Trim());
            }

            if (!string.IsNullOrWhiteSpace(filter.Action))
            {
                query = query.Where(e => e.Action == filter.Action.Trim());
            }

            if (!string.IsNullOrWhiteSpace(filter.ObjectType))
            {
                query = query.Where(e => e.ObjectType == filter.ObjectType);
            }

            if (!string.IsNullOrWhiteSpace(filter.ObjectId))
            {
                query = query.Where(e => e.ObjectId == filter.ObjectId.Trim());
            }

            if (filter.From is { } from)
            {
                query = query.Where(e => e.At >= from);
            }

            if (filter.To is { } to)
            {
                query = query.Where(e => e.At <= to);
            }

            var total = await query.CountAsync(cancellationToken);
            var rows = total == 0
                ? []
                : await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
                    .Select(e => new AuditDetails(e.Id, e.At, e.Actor, e.Action, e.ObjectType, e.ObjectId, e.Outcome, e.Detail))
                    .ToListAsync(cancellationToken);
            return new AuditPage(rows, page, pageSize, total);
        });
}
