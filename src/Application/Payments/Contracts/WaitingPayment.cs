using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// A payment waiting for its outcome (Pending, or with an attempt whose outcome is Unknown), with its latest attempt:
/// an attempt without a CheckoutRequestID had its push answer lost (verify cannot ask about it; the reconciler matches a
/// success by phone and amount).
/// </summary>
public sealed record WaitingPayment(
    Guid Id,
    string ClientId,
    PaymentStatus Status,
    int Amount,
    string PhoneNumber,
    string AccountReference,
    DateTimeOffset CreatedAt,
    TimeSpan Age,
    PendingAge AgeBucket,
    int AttemptNumber,
    AttemptStatus AttemptStatus,
    string? CheckoutRequestId,
    NoAnswerReason? NoAnswer,
    int QueryCount,
    int AnsweredQueryCount,
    DateTimeOffset? LastQueriedAt,
    DateTimeOffset? NextQueryAt,
    string? ReviewReason);

/// <summary>One page of waiting payments, oldest first, and how many wait in all.</summary>
public sealed record WaitingPaymentPage(IReadOnlyList<WaitingPayment> Items, int Page, int PageSize, int TotalCount);
