using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>A stored callback as processing left it, and the payment it was applied to (null when it has none).</summary>
public sealed record ProcessedCallback(InboundCallback Callback, Payment? Payment);
