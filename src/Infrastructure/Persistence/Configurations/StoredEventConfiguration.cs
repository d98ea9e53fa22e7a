using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shield.Domain.Common;
using Shield.Infrastructure.Events;

namespace Shield.Infrastructure.Persistence.Configurations;

/// <summary>The outbox: one row per published event, ordered per payment by Sequence.</summary>
internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("Events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Type).HasMaxLength(64).IsUnicode(false).IsRequired();
        builder.Property(e => e.ClientId).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.Property(e => e.Data).IsRequired();
        builder.Property(e => e.LeaseOwner).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.LastError).HasMaxLength(128).IsUnicode(false);

        // One payment's events are numbered without gaps or repeats: a second writer of the same number is refused.
        builder.HasIndex(e => new { e.StreamId, e.Sequence }).IsUnique();
        builder.HasIndex(e => e.PaymentId);

        // The dispatcher's selection: what is still to deliver, and when.
        builder.HasIndex(e => new { e.DispatchedAt, e.NextAttemptAt });

        // A client's events in order (the events API).
        builder.HasIndex(e => new { e.ClientId, e.Id });

        // The events API's pages: a client's events by time, newest first, within a range.
        builder.HasIndex(e => new { e.ClientId, e.OccurredAt });
    }
}
