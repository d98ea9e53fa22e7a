using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.Domain.Callbacks;

/// <summary>
/// A callback exactly as Safaricom sent it, stored before it is parsed, so that nothing Safaricom sends is lost
/// and every outcome can be replayed or audited.
/// </summary>
public sealed class InboundCallback
{
    public const int MaxRemoteAddressLength = 64;

    private InboundCallback()
    {
        Body = string.Empty;
    }

    public Guid Id { get; private set; }

    public CallbackKind Kind { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public string? RemoteAddress { get; private set; }

    public string Body { get; private set; }

    public CallbackOutcome Outcome { get; private set; }

    public string? CheckoutRequestId { get; private set; }

    public PaymentId? PaymentId { get; private set; }

    /// <summary>The refund a reversal callback was applied to.</summary>
    public RefundId? RefundId { get; private set; }

    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>Still to be applied: stored and not processed yet (Received), or kept until its attempt is known (Unmatched).</summary>
    public bool AwaitsProcessing => Outcome is CallbackOutcome.Received or CallbackOutcome.Unmatched;

    public static InboundCallback Receive(CallbackKind kind, string body, string? remoteAddress, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Kind = kind,
        // A NUL cannot be stored in a text column by PostgreSQL; it is kept as JSON's escape for it instead.
        Body = body.Contains('\0', StringComparison.Ordinal) ? body.Replace("\0", "\\u0000", StringComparison.Ordinal) : body,
        RemoteAddress = remoteAddress is { Length: > MaxRemoteAddressLength } ? remoteAddress[..MaxRemoteAddressLength] : remoteAddress,
        ReceivedAt = now,
        Outcome = CallbackOutcome.Received,
    };

    public void MarkSourceRejected(DateTimeOffset now)
    {
        Outcome = CallbackOutcome.SourceRejected;
        ProcessedAt = now;
    }

    public void MarkMalformed(DateTimeOffset now)
    {
        Outcome = CallbackOutcome.Malformed;
        ProcessedAt = now;
    }

    public void MarkUnmatched(string checkoutRequestId, DateTimeOffset now)
    {
        CheckoutRequestId = checkoutRequestId;
        Outcome = CallbackOutcome.Unmatched;
        ProcessedAt = now;
    }

    /// <summary>A Transaction Status answer matched no payment (unknown conversation and receipt).</summary>
    public void MarkUnmatched(DateTimeOffset now)
    {
        Outcome = CallbackOutcome.Unmatched;
        ProcessedAt = now;
    }

    /// <summary>A Transaction Status answer was recorded on its payment.</summary>
    public void MarkApplied(PaymentId paymentId, DateTimeOffset now)
    {
        PaymentId = paymentId;
        Outcome = CallbackOutcome.Applied;
        ProcessedAt = now;
    }

    public void MarkProcessed(PaymentId paymentId, string checkoutRequestId, StkResultApplication application, DateTimeOffset now)
    {
        PaymentId = paymentId;
        CheckoutRequestId = checkoutRequestId;
        Outcome = application switch
        {
            StkResultApplication.Applied => CallbackOutcome.Applied,
            StkResultApplication.Duplicate => CallbackOutcome.Duplicate,
            StkResultApplication.RecordedOnly => CallbackOutcome.RecordedOnly,
            _ => CallbackOutcome.FlaggedForReview,
        };
        ProcessedAt = now;
    }

    /// <summary>A reversal callback was applied to its refund (<paramref name="application"/> says how).</summary>
    public void MarkRefundProcessed(RefundId refundId, PaymentId paymentId, ReversalApplication application, DateTimeOffset now)
    {
        (RefundId, PaymentId) = (refundId, paymentId);
        Outcome = application switch
        {
            ReversalApplication.Applied => CallbackOutcome.Applied,
            ReversalApplication.Duplicate => CallbackOutcome.Duplicate,
            ReversalApplication.RecordedOnly => CallbackOutcome.RecordedOnly,
            _ => CallbackOutcome.FlaggedForReview,
        };
        ProcessedAt = now;
    }
}
