using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>One STK push of a payment.</summary>
public sealed record AttemptDetails
{
    public required int Number { get; init; }

    public required AttemptStatus Status { get; init; }

    public string? CheckoutRequestId { get; init; }

    public string? MerchantRequestId { get; init; }

    public string? ResultCode { get; init; }

    public string? ResultDescription { get; init; }

    public string? ReceiptNumber { get; init; }

    /// <summary>How the result was learned: Callback, Query (a success confirmed by STK Push Query has no receipt) or Expiry.</summary>
    public ResultSource? ResultSource { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
