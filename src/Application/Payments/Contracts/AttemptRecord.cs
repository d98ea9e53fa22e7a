using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>
/// One STK push of a payment with everything Shield stored about it, for the operator's timeline: Daraja's answer to
/// the push (its ids when it accepted; ResultCode/ResultDescription hold its errorCode/errorMessage when it refused
/// (<see cref="AttemptStatus.Rejected"/>); <see cref="NoAnswer"/> when none came), the STK Push Queries asked about it
/// (how many, how many Safaricom answered, the last and the next; each answer itself is not kept), and its result
/// (code, description, receipt, amount paid, and how it was learned).
/// </summary>
public sealed record AttemptRecord
{
    public required int Number { get; init; }

    public required AttemptStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When Daraja answered the push (accepted or refused), or when Shield gave up waiting for that answer.</summary>
    public DateTimeOffset? SentAt { get; init; }

    public string? MerchantRequestId { get; init; }

    public string? CheckoutRequestId { get; init; }

    /// <summary>Why the push got no answer (it went Unknown); null when it got one.</summary>
    public NoAnswerReason? NoAnswer { get; init; }

    public required int QueryCount { get; init; }

    public required int AnsweredQueryCount { get; init; }

    public DateTimeOffset? LastQueriedAt { get; init; }

    public DateTimeOffset? NextQueryAt { get; init; }

    /// <summary>The callback's or query's ResultCode, or the errorCode of a refused push.</summary>
    public string? ResultCode { get; init; }

    public string? ResultDescription { get; init; }

    public ResultSource? ResultSource { get; init; }

    public string? ReceiptNumber { get; init; }

    /// <summary>The amount Safaricom reported paid (a success callback's), which may differ from the payment's (amount_mismatch).</summary>
    public decimal? PaidAmount { get; init; }

    public DateTimeOffset? PaidAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
