using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>
/// The operators' query side: every client's payments, read untracked straight from storage, for the console. What a
/// client reads goes through <see cref="IPaymentDetailsReader"/>, which only ever shows that client's.
/// </summary>
public interface IPaymentOperatorReader
{
    /// <summary>One page of the payments matching <paramref name="search"/>, newest first, and how many match.</summary>
    Task<PaymentSearchPage> SearchAsync(PaymentSearch search, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>Every payment matching <paramref name="search"/>, newest first, read as it is enumerated (never all in memory).</summary>
    IAsyncEnumerable<PaymentSearchRow> StreamAsync(PaymentSearch search, CancellationToken cancellationToken);

    /// <summary>The payment with everything stored about it, or null.</summary>
    Task<PaymentRecord?> FindRecordAsync(PaymentId id, CancellationToken cancellationToken);

    /// <summary>
    /// The payments created in [<c>boundaries[0]</c>, <c>boundaries[^1]</c>), counted in SQL by slot (slot i is
    /// [<c>boundaries[i]</c>, <c>boundaries[i + 1]</c>)), status and failure code, with the KES they were for.
    /// </summary>
    Task<IReadOnlyList<PaymentTally>> TallyAsync(IReadOnlyList<DateTimeOffset> boundaries, CancellationToken cancellationToken);

    /// <summary>
    /// How many payments are Pending, by creation: element i counts those created after <c>createdAfter[i]</c> and not
    /// after <c>createdAfter[i - 1]</c> (the first: after <c>createdAfter[0]</c>); the last element counts the rest.
    /// <paramref name="createdAfter"/> is newest first; the result has one element more.
    /// </summary>
    Task<IReadOnlyList<int>> CountPendingAsync(IReadOnlyList<DateTimeOffset> createdAfter, CancellationToken cancellationToken);

    /// <summary>One page of the payments waiting (Pending, or with an Unknown attempt), oldest first, each with its latest attempt.</summary>
    Task<WaitingPaymentPage> ListWaitingAsync(DateTimeOffset now, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>One page of the payments flagged for review (for <paramref name="reason"/> when given), oldest first.</summary>
    Task<ReviewQueuePage> ListReviewQueueAsync(ReviewReason? reason, int page, int pageSize, CancellationToken cancellationToken);
}

/// <summary>How many payments created in one slot ended in one status (with one failure code), and the KES they were for.</summary>
public sealed record PaymentTally(int Slot, PaymentStatus Status, string? FailureCode, int Count, long Amount);
