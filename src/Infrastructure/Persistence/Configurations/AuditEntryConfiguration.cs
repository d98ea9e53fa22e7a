using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shield.Domain.OperatorConsole;

namespace Shield.Infrastructure.Persistence.Configurations;

/// <summary>The console's audit log: one row per action, never updated.</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(AuditEntry.MaxActorLength).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(AuditEntry.MaxActionLength).IsUnicode(false).IsRequired();
        builder.Property(e => e.ObjectType).HasMaxLength(AuditEntry.MaxObjectTypeLength).IsUnicode(false);
        builder.Property(e => e.ObjectId).HasMaxLength(AuditEntry.MaxObjectIdLength).IsUnicode(false);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ObjectType, e.ObjectId });
    }
}
