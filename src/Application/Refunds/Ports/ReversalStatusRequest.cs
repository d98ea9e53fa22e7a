using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Ports;

/// <summary>Ask Transaction Status about the reversal Daraja acknowledged with <paramref name="OriginatorConversationId"/>.</summary>
public sealed record ReversalStatusRequest(RefundId RefundId, string OriginatorConversationId);
