using Ardalis.Specification;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>The payment a Transaction Status answer is about: by the conversation ids Daraja gave when asked, else by receipt.</summary>
public sealed class PaymentByVerificationSpec : Specification<Payment>
{
    public PaymentByVerificationSpec(string? conversationId, string? originatorConversationId, string? receiptNumber) =>
        Query.Where(p =>
            (conversationId != null && p.Verification != null && p.Verification.ConversationId == conversationId)
            || (originatorConversationId != null && p.Verification != null && p.Verification.OriginatorConversationId == originatorConversationId)
            || (receiptNumber != null && p.MpesaReceiptNumber == receiptNumber));
}
