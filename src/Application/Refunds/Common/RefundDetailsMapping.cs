using Mapster;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Common;

/// <summary>How a Refund becomes <see cref="RefundDetails"/> (and an operator's <see cref="RefundRecord"/>): every member named, nothing by convention.</summary>
public sealed class RefundDetailsMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        config.NewConfig<RefundFailure, RefundFailureDetails>()
            .Map(d => d.Code, s => s.Code)
            .Map(d => d.ResultCode, s => s.ResultCode)
            .Map(d => d.ResultDescription, s => s.ResultDescription)
            .Map(d => d.Message, s => s.Message)
            .Map(d => d.Retriable, s => s.Retriable);

        config.NewConfig<Refund, RefundDetails>()
            .Map(d => d.Id, s => s.Id.Value)
            .Map(d => d.PaymentId, s => s.PaymentId.Value)
            .Map(d => d.Amount, s => s.Amount)
            .Map(d => d.Status, s => s.Status)
            .Map(d => d.Reason, s => s.Reason.Value)
            .Map(d => d.ReversalReceiptNumber, s => s.ReversalReceiptNumber)
            .Map(d => d.Failure, s => s.Failure)
            .Map(d => d.ReviewReason, s => s.Review == null ? null : s.Review.Value.Code())
            .Map(d => d.SettledBy, s => s.SettledBy)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.CompletedAt, s => s.CompletedAt);

        config.NewConfig<Refund, RefundRecord>()
            .Map(d => d.Refund, s => s)
            .Map(d => d.ClientId, s => s.ClientId.Value)
            .Map(d => d.ReceiptNumber, s => s.ReceiptNumber)
            .Map(d => d.RequestedBy, s => s.RequestedBy)
            .Map(d => d.ApprovedBy, s => s.ApprovedBy)
            .Map(d => d.ApprovedAt, s => s.ApprovedAt)
            .Map(d => d.RejectedBy, s => s.RejectedBy)
            .Map(d => d.RejectedAt, s => s.RejectedAt)
            .Map(d => d.RejectionNote, s => s.RejectionNote)
            .Map(d => d.SettledBy, s => s.SettledBy)
            .Map(d => d.SettlementNote, s => s.SettlementNote)
            .Map(d => d.ResultCode, s => s.ResultCode)
            .Map(d => d.ConversationId, s => s.ConversationId)
            .Map(d => d.OriginatorConversationId, s => s.OriginatorConversationId)
            .Map(d => d.SubmittedAt, s => s.SubmittedAt)
            .Map(d => d.NoAnswer, s => s.NoAnswer == null ? null : s.NoAnswer.Value.ToString())
            .Map(d => d.Verifications, s => s.Verifications)
            .Map(d => d.UpdatedAt, s => s.UpdatedAt);
    }
}
