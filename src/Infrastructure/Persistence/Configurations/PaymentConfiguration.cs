using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Infrastructure.Persistence.Configurations;

/// <summary>The Payment aggregate: one row per payment, its attempts owned in PaymentAttempts.</summary>
internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("Payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasConversion(id => id.Value, value => new PaymentId(value)).ValueGeneratedNever();
        builder.Property(p => p.ClientId).HasConversion(id => id.Value, value => new ClientId(value)).HasMaxLength(ClientId.MaxLength).IsRequired();
        builder.Property(p => p.IdempotencyKey).HasMaxLength(255);
        builder.Property(p => p.Amount).HasConversion(amount => amount.Value, value => new Amount(value));
        builder.Property(p => p.Currency).HasMaxLength(3).IsUnicode(false).IsRequired();
        builder.Property(p => p.PhoneNumber).HasConversion(msisdn => msisdn.Value, value => Msisdn.Parse(value))
            .HasMaxLength(12).IsUnicode(false).IsRequired();
        builder.Property(p => p.AccountReference).HasConversion(reference => reference.Value, value => AccountReference.Parse(value))
            .HasMaxLength(AccountReference.MaxLength).IsRequired();
        builder.Property(p => p.Description).HasConversion(description => description.Value, value => Description.Parse(value))
            .HasMaxLength(Description.MaxLength).IsRequired();
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(p => p.MpesaReceiptNumber).HasMaxLength(32).IsUnicode(false);
        builder.Property(p => p.ReviewReason).HasConversion(reason => reason!.Code, code => ReviewReason.FromCode(code)).HasMaxLength(32).IsUnicode(false);
        builder.Property(p => p.Version).IsConcurrencyToken();

        // The sequence of the last event the payment raised: its events are numbered 1, 2, 3... across commits.
        builder.Property(p => p.EventSequence);

        // A value, not an entity: one failure instance may describe several payments (the catalogue's), which an owned
        // entity cannot (EF tracks owned instances by reference, so a second payment would "move" it).
        builder.ComplexProperty(p => p.Failure, failure =>
        {
            failure.Property(f => f.Code).HasColumnName("FailureCode").HasMaxLength(40).IsUnicode(false).IsRequired();
            failure.Property(f => f.ResultCode).HasColumnName("FailureResultCode").HasMaxLength(32).IsUnicode(false);
            failure.Property(f => f.Message).HasColumnName("FailureMessage").HasMaxLength(200).IsRequired();
            failure.Property(f => f.Retriable).HasColumnName("FailureRetriable");
        });

        builder.OwnsOne(p => p.Verification, verification =>
        {
            verification.Property(v => v.Status).HasColumnName("VerificationStatus").HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            verification.Property(v => v.RequestedAt).HasColumnName("VerificationRequestedAt");
            verification.Property(v => v.ConversationId).HasColumnName("VerificationConversationId").HasMaxLength(64).IsUnicode(false);
            verification.Property(v => v.OriginatorConversationId).HasColumnName("VerificationOriginatorConversationId").HasMaxLength(64).IsUnicode(false);
            verification.Property(v => v.ResultCode).HasColumnName("VerificationResultCode").HasMaxLength(32).IsUnicode(false);
            verification.Property(v => v.ResultDescription).HasColumnName("VerificationResultDescription").HasMaxLength(256);
            verification.Property(v => v.ReceiptNumber).HasColumnName("VerificationReceiptNumber").HasMaxLength(32).IsUnicode(false);
            verification.Property(v => v.Amount).HasColumnName("VerificationAmount").HasPrecision(12, 2);
            verification.Property(v => v.TransactionStatus).HasColumnName("VerificationTransactionStatus").HasMaxLength(32);
            verification.Property(v => v.CompletedAt).HasColumnName("VerificationCompletedAt");
            verification.Property(v => v.AnsweredAt).HasColumnName("VerificationAnsweredAt");
            verification.Ignore(v => v.Matches);
            verification.HasIndex(v => v.ConversationId);
            verification.HasIndex(v => v.OriginatorConversationId);
        });

        // Table splitting, as for the verification: the latest resolved review in the payment's row (null when none).
        builder.OwnsOne(p => p.ReviewResolution, resolution =>
        {
            resolution.Property(r => r.Reason).HasColumnName("ReviewResolvedReason")
                .HasConversion(reason => reason.Code, code => ReviewReason.FromCode(code)).HasMaxLength(32).IsUnicode(false);
            resolution.Property(r => r.ResolvedBy).HasColumnName("ReviewResolvedBy").HasMaxLength(80);
            resolution.Property(r => r.Note).HasColumnName("ReviewResolutionNote").HasMaxLength(Review.MaxNoteLength);
            resolution.Property(r => r.ResolvedAt).HasColumnName("ReviewResolvedAt");
        });

        builder.OwnsMany(p => p.Attempts, attempt =>
        {
            attempt.ToTable("PaymentAttempts");
            attempt.WithOwner().HasForeignKey("PaymentId");
            attempt.HasKey("PaymentId", nameof(PaymentAttempt.Number));
            attempt.Property(a => a.Number).ValueGeneratedNever();
            attempt.Property(a => a.Status).HasConversion<string>().HasMaxLength(20).IsUnicode(false);
            attempt.Property(a => a.MerchantRequestId).HasMaxLength(64).IsUnicode(false);
            attempt.Property(a => a.CheckoutRequestId).HasMaxLength(64).IsUnicode(false);
            attempt.Property(a => a.ResultCode).HasMaxLength(32).IsUnicode(false);
            attempt.Property(a => a.ResultDescription).HasMaxLength(256);
            attempt.Property(a => a.NoAnswer).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            attempt.Property(a => a.ReceiptNumber).HasMaxLength(32).IsUnicode(false);
            attempt.Property(a => a.PaidAmount).HasPrecision(12, 2);
            attempt.Property(a => a.ResultSource).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
            attempt.HasIndex(a => a.CheckoutRequestId).IsUnique();
            attempt.Property(a => a.InFlightPhoneNumber).HasMaxLength(12).IsUnicode(false);
            attempt.HasIndex(a => a.InFlightPhoneNumber).IsUnique();
            attempt.HasIndex(a => new { a.Status, a.NextQueryAt });
            // The console's search by receipt finds an attempt's receipt too (a success flagged for review has one).
            attempt.HasIndex(a => a.ReceiptNumber);
        });
        builder.Navigation(p => p.Attempts).HasField("_attempts").UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(p => p.MpesaReceiptNumber).IsUnique();
        builder.HasIndex(p => new { p.ClientId, p.IdempotencyKey }).IsUnique();
        builder.HasIndex(p => new { p.ClientId, p.CreatedAt });
        // The reconciler's query (Pending, oldest first): without it every run read every payment ever made.
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
        // The console's "did this customer pay?": a phone across every client, newest first.
        builder.HasIndex(p => new { p.PhoneNumber, p.CreatedAt });

        builder.Ignore(p => p.DomainEvents);
        builder.Ignore(p => p.CurrentAttempt);
        builder.Ignore(p => p.IsHeldForReview);
    }
}
