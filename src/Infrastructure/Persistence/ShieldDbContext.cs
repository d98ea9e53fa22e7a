using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Shield.Domain.Callbacks;
using Shield.Domain.OperatorConsole;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.Domain.Webhooks;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The database of payments, their attempts and the callback inbox. Provider-neutral: each provider has a subclass
/// (<see cref="SqliteShieldDbContext"/>, <see cref="SqlServerShieldDbContext"/>) that owns its migrations set.
/// </summary>
public abstract class ShieldDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<InboundCallback> Callbacks => Set<InboundCallback>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>The console's audit log: rows are added, never changed (<see cref="SaveChangesAsync(bool, CancellationToken)"/>).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>
    /// The console's Data Protection key ring (its session and antiforgery cookies), shared by every instance on this
    /// database: a cookie issued by one instance is read by the next (ADR 0012).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The outbox (<see cref="Events.StoredEvent"/>).</summary>
    internal DbSet<Events.StoredEvent> Events => Set<Events.StoredEvent>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShieldDbContext).Assembly);
    }

    /// <summary>The audit log is append-only: a change or removal of an entry is a bug, and nothing of that save is written.</summary>
    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Audit entries are append-only: an entry cannot be changed or removed.");
        }
    }
}
