using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>A stored callback in the inbox's list: what it is and what became of it, without its body.</summary>
public sealed record InboundCallbackSummary(
    Guid Id,
    CallbackKind Kind,
    DateTimeOffset ReceivedAt,
    CallbackOutcome Outcome,
    DateTimeOffset? ProcessedAt,
    string? RemoteAddress,
    string? CheckoutRequestId,
    Guid? PaymentId,
    int BodyLength);

/// <summary>One page of the callback inbox, newest first, and how many match in all.</summary>
public sealed record InboundCallbackPage(IReadOnlyList<InboundCallbackSummary> Items, int Page, int PageSize, int TotalCount);
