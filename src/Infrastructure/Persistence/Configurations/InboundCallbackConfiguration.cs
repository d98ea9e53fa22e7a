using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Infrastructure.Persistence.Configurations;

/// <summary>The callback inbox: every body Safaricom posted, raw, with what became of it.</summary>
internal sealed class InboundCallbackConfiguration : IEntityTypeConfiguration<InboundCallback>
{
    public void Configure(EntityTypeBuilder<InboundCallback> builder)
    {
        builder.ToTable("CallbackInbox");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
        // Two writers may process one stored callback (the request that stored it, and the reconciler's sweep of those
        // left unprocessed): the outcome they both read is checked on save, so exactly one of them records it.
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(24).IsUnicode(false).IsConcurrencyToken();
        builder.Property(c => c.RemoteAddress).HasMaxLength(InboundCallback.MaxRemoteAddressLength).IsUnicode(false);
        builder.Property(c => c.Body).IsRequired();
        builder.Property(c => c.CheckoutRequestId).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.PaymentId).HasConversion(new ValueConverter<PaymentId, Guid>(id => id.Value, value => new PaymentId(value)));
        builder.Property(c => c.RefundId).HasConversion(new ValueConverter<RefundId, Guid>(id => id.Value, value => new RefundId(value)));
        builder.HasIndex(c => new { c.CheckoutRequestId, c.Outcome });
        builder.HasIndex(c => c.ReceivedAt);
        // The reconciler's sweep of callbacks left unprocessed (Received) and its look at Unmatched ones, by age.
        builder.HasIndex(c => new { c.Outcome, c.ReceivedAt });
        // A payment's timeline in the console: every callback recorded against it.
        builder.HasIndex(c => c.PaymentId);
    }
}
