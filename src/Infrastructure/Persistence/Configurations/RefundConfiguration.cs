using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Infrastructure.Persistence.Configurations;

/// <summary>The Refund aggregate: one row per refund.</summary>
internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> builder)
    {
        builder.ToTable("Refunds");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasConversion(id => id.Value, value => new RefundId(value)).ValueGeneratedNever();
        builder.Property(r => r.ClientId).HasConversion(id => id.Value, value => new ClientId(value)).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.Property(r => r.PaymentId).HasConversion(id => id.Value, value => new PaymentId(value));
        builder.Property(r => r.IdempotencyKey).HasMaxLength(255);
        builder.Property(r => r.Reason).HasConversion(reason => reason.Value, value => RefundReason.FromStored(value))
            .HasMaxLength(RefundReason.MaxLength).IsRequired();
        builder.Property(r => r.ReceiptNumber).HasMaxLength(32).IsUnicode(false).IsRequired();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(r => r.ConversationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(r => r.OriginatorConversationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(r => r.NoAnswer).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(r => r.ReversalReceiptNumber).HasMaxLength(32).IsUnicode(false);
        builder.Property(r => r.ReversedAmount).HasPrecision(12, 2);
        builder.Property(r => r.ResultCode).HasMaxLength(32).IsUnicode(false);
        builder.Property(r => r.Review).HasConversion<string>().HasMaxLength(32).IsUnicode(false);
        builder.Property(r => r.VerificationConversationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(r => r.VerificationOriginatorConversationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(r => r.SettledBy).HasMaxLength(128);
        builder.Property(r => r.SettlementNote).HasMaxLength(500);
        builder.Property(r => r.RequestedBy).HasMaxLength(Refund.MaxActorLength);
        builder.Property(r => r.ApprovedBy).HasMaxLength(Refund.MaxActorLength);
        builder.Property(r => r.RejectedBy).HasMaxLength(Refund.MaxActorLength);
        builder.Property(r => r.RejectionNote).HasMaxLength(Refund.MaxNoteLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.EventSequence);
        builder.ComplexProperty(r => r.Failure, failure =>
        {
            failure.Property(f => f.Code).HasColumnName("FailureCode").HasMaxLength(40).IsUnicode(false).IsRequired();
            failure.Property(f => f.ResultCode).HasColumnName("FailureResultCode").HasMaxLength(32).IsUnicode(false);
            failure.Property(f => f.ResultDescription).HasColumnName("FailureResultDescription").HasMaxLength(256);
            failure.Property(f => f.Message).HasColumnName("FailureMessage").HasMaxLength(200).IsRequired();
            failure.Property(f => f.Retriable).HasColumnName("FailureRetriable");
        });

        // One open refund (Pending or Unknown, or AwaitingApproval) per payment: a second concurrent request is refused by the database.
        builder.HasIndex(r => r.OpenPaymentId).IsUnique();
        builder.HasIndex(r => new { r.ClientId, r.IdempotencyKey }).IsUnique();
        builder.HasIndex(r => new { r.PaymentId, r.Status });
        builder.HasIndex(r => new { r.ClientId, r.CreatedAt });
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => r.ReceiptNumber);
        builder.HasIndex(r => r.ConversationId);
        builder.HasIndex(r => r.OriginatorConversationId);
        builder.HasIndex(r => r.VerificationConversationId);
        builder.HasIndex(r => r.VerificationOriginatorConversationId);
        builder.Ignore(r => r.DomainEvents);
        builder.Ignore(r => r.IsOpen);
        builder.Ignore(r => r.HoldsOpenSlot);
    }
}
