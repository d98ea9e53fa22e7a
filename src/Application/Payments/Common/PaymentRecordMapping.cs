using Mapster;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>How an attempt becomes <see cref="AttemptRecord"/> (the operators' full view of it): every member named.</summary>
public sealed class PaymentRecordMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.NewConfig<PaymentAttempt, AttemptRecord>()
            .Map(d => d.Number, s => s.Number)
            .Map(d => d.Status, s => s.Status)
            .Map(d => d.CreatedAt, s => s.CreatedAt)
            .Map(d => d.SentAt, s => s.SentAt)
            .Map(d => d.MerchantRequestId, s => s.MerchantRequestId)
            .Map(d => d.CheckoutRequestId, s => s.CheckoutRequestId)
            .Map(d => d.NoAnswer, s => s.NoAnswer)
            .Map(d => d.QueryCount, s => s.QueryCount)
            .Map(d => d.AnsweredQueryCount, s => s.AnsweredQueryCount)
            .Map(d => d.LastQueriedAt, s => s.LastQueriedAt)
            .Map(d => d.NextQueryAt, s => s.NextQueryAt)
            .Map(d => d.ResultCode, s => s.ResultCode)
            .Map(d => d.ResultDescription, s => s.ResultDescription)
            .Map(d => d.ResultSource, s => s.ResultSource)
            .Map(d => d.ReceiptNumber, s => s.ReceiptNumber)
            .Map(d => d.PaidAmount, s => s.PaidAmount)
            .Map(d => d.PaidAt, s => s.PaidAt)
            .Map(d => d.CompletedAt, s => s.CompletedAt);
    }
}
