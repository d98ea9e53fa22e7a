using Mapster;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>How a Payment becomes <see cref="PaymentDetails"/>: every member named, nothing by convention.</summary>
public sealed class PaymentDetailsMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<PaymentFailure, FailureDetails>()
            .Map(d => d.Code, s => s.Code)
            .Map(d => d.ResultCode, s => s.ResultCode)
            .Map(d => d.Message, s => s.Message)
            .Map(d => d.Retriable, s => s.Retriable);

        config.NewConfig<Verification, VerificationDetails>()
            .Map(d => d.Status, s => s.Status)
            .Map(d => d.Matches, s => s.Matches)
            .Map(d => d.RequestedAt, s => s.RequestedAt)
            .Map(d => d.AnsweredAt, s => s.AnsweredAt)
            .Map(d => d.ResultCode, s => s.ResultCode)
            .Map(d => d.ResultDescription, s => s.ResultDescription)
            .Map(d => d.TransactionStatus, s => s.TransactionStatus)
            .Map(d => d.ReceiptNumber, s => s.ReceiptNumber)
            .Map(d => d.Amount, s => s.Amount)
            .Map(d => d.CompletedAt, s => s.CompletedAt);

        config.NewConfig<ReviewResolution, ReviewResolutionDetails>()
            .Map(d => d.Reason, s => s.Reason.Code)
            .Map(d => d.ResolvedBy, s => s.ResolvedBy)
            .Map(d => d.Note, s => s.Note)
            .Map(d => d.ResolvedAt, s => s.ResolvedAt);

        config.NewConfig<PaymentAttempt, AttemptDetails>()
            .Map(d => d.Number, s => s.Number)
            .Map(d => d.Status, s => s.Status)
            .Map(d => d.CheckoutRequestId, s => s.CheckoutRequestId)
            .Map(d => d.MerchantRequestId, s => s.MerchantRequestId)
            .Map(d => d.ResultCode, s => s.ResultCode)
            .Map(d => d.ResultDescription, s => s.ResultDescription)
            .Map(d => d.ReceiptNumber, s => s.ReceiptNumber)
            .Map(d => d.ResultSource, s => s.ResultSource)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.SentAt, s => s.SentAt)
            .Map(d => d.CompletedAt, s => s.CompletedAt);

        config.NewConfig<Payment, PaymentDetails>()
            .Map(d => d.Id, s => s.Id.Value)
            .Map(d => d.Status, s => s.Status)
            .Map(d => d.Amount, s => s.Amount.Value)
            .Map(d => d.Currency, s => s.Currency)
            .Map(d => d.PhoneNumber, s => s.PhoneNumber.Value)
            .Map(d => d.AccountReference, s => s.AccountReference.Value)
            .Map(d => d.Description, s => s.Description.Value)
            .Map(d => d.MpesaReceiptNumber, s => s.MpesaReceiptNumber)
            .Map(d => d.Failure, s => s.Failure)
            .Map(d => d.ReviewReason, s => s.ReviewReason == null ? null : s.ReviewReason.Code)
            .Map(d => d.ReviewResolution, s => s.ReviewResolution)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.UpdatedAt, s => s.UpdatedAt)
            .Map(d => d.CompletedAt, s => s.CompletedAt)
            .Map(d => d.Verification, s => s.Verification)
            .Map(d => d.Attempts, s => s.Attempts.OrderBy(a => a.Number))
            // The Refunds module's rows, added by the query side (GET); a Payment alone does not know them.
            .Ignore(d => d.RefundedAmount)
            .Ignore(d => d.Refunds);
    }
}
