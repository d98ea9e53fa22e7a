using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// A payment flagged for review and not yet resolved. <see cref="HoldsReconciliation"/>: a success that does not fit
/// the payment (amount_mismatch, phone_mismatch, receipt_reused, push_answer_mismatch), settled by a decision about the
/// money rather than a note.
/// </summary>
public sealed record ReviewQueueItem(
    Guid Id,
    string ClientId,
    PaymentStatus Status,
    int Amount,
    string PhoneNumber,
    string AccountReference,
    string? MpesaReceiptNumber,
    string ReviewReason,
    bool HoldsReconciliation,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One page of the review queue, oldest first, and how many are in it.</summary>
public sealed record ReviewQueuePage(IReadOnlyList<ReviewQueueItem> Items, int Page, int PageSize, int TotalCount);
