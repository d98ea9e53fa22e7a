using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>
/// A stored callback as Safaricom sent it, with what became of it. <see cref="Body"/> is raw: it may carry the customer's
/// phone number (the console masks it).
/// </summary>
public sealed record InboundCallbackDetails(
    Guid Id,
    CallbackKind Kind,
    DateTimeOffset ReceivedAt,
    CallbackOutcome Outcome,
    DateTimeOffset? ProcessedAt,
    string? RemoteAddress,
    string? CheckoutRequestId,
    Guid? PaymentId,
    Guid? RefundId,
    string Body);
