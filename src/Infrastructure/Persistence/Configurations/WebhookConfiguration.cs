using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shield.Domain.Common;
using Shield.Domain.Webhooks;

namespace Shield.Infrastructure.Persistence.Configurations;

/// <summary>A client's webhook endpoints: its event types as one comma-separated column.</summary>
internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ClientId).HasConversion(id => id.Value, value => new ClientId(value)).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.MaxUrlLength).IsRequired();
        builder.Property(e => e.EventTypes)
            .HasConversion(
                types => string.Join(',', types),
                stored => stored.Length == 0 ? Array.Empty<string>() : stored.Split(',', StringSplitOptions.None),
                new ValueComparer<IReadOnlyList<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToArray()))
            .HasMaxLength(1024).IsUnicode(false).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
        builder.Property(e => e.Secret).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(e => e.PreviousSecret).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.DisabledReason).HasMaxLength(256);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.ClientId, e.CreatedAt });
    }
}

/// <summary>
/// One event for one endpoint, with its attempts. The worker's selection (due, and nothing earlier of the same payment
/// pending for the same endpoint) reads (Status, NextAttemptAt) and (EndpointId, StreamId, Sequence); a lease
/// (LeaseOwner, LeasedUntil: shadow columns, the worker's business only) keeps two instances off one attempt.
/// </summary>
internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.EventType).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(d => d.ClientId).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        // The lease is a concurrency token: an instance whose lease ran out cannot record over the one that took it.
        builder.Property<string?>("LeaseOwner").HasMaxLength(64).IsUnicode(false).IsConcurrencyToken();
        builder.Property<DateTimeOffset?>("LeasedUntil");
        builder.Property(d => d.AttemptCount).IsConcurrencyToken();
        builder.HasIndex(d => new { d.EventId, d.EndpointId }).IsUnique();
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.EndpointId, d.StreamId, d.Sequence });
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
        builder.OwnsMany(d => d.Attempts, attempts =>
        {
            attempts.ToTable("WebhookAttempts");
            attempts.WithOwner().HasForeignKey("DeliveryId");
            attempts.HasKey(a => a.Id);
            attempts.Property(a => a.Id).ValueGeneratedNever();
            attempts.Property(a => a.ResponseExcerpt).HasMaxLength(1024);
            attempts.Property(a => a.Error).HasMaxLength(512);
        });
        builder.Navigation(d => d.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
