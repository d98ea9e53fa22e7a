using Microsoft.EntityFrameworkCore;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.Domain.Webhooks;

namespace Shield.Infrastructure.Persistence;

/// <summary>
/// The database of payments, their attempts and the callback inbox. Provider-neutral: each provider has a subclass
/// (<see cref="SqliteShieldDbContext"/>, <see cref="SqlServerShieldDbContext"/>) that owns its migrations set.
/// </summary>
public abstract class ShieldDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<InboundCallback> Callbacks => Set<InboundCallback>();

    public DbSet<Refund> Refunds => Set<Refund>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>The outbox (<see cref="Events.StoredEvent"/>).</summary>
    internal DbSet<Events.StoredEvent> Events => Set<Events.StoredEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ShieldDbContext).Assembly);
    }
}
