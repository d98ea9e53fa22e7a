using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Contracts;

namespace Shield.Application.Webhooks.Common;

/// <summary>Every public event type an endpoint may subscribe to and the events API filters on: the payments' and the refunds'.</summary>
public static class PublishedEventTypes
{
    public static IReadOnlyList<string> All { get; } = [.. PaymentEventTypes.All, .. RefundEventTypes.All];
}
