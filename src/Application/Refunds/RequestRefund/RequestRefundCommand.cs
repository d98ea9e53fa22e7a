using Mediator;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Refunds.RequestRefund;

/// <summary>Return money of one of the client's completed payments to its customer.</summary>
/// <param name="ClientId">The client whose payment it is (another client's is not found).</param>
/// <param name="PaymentId">The payment refunded.</param>
/// <param name="Amount">Whole KES; null for the rest of the payment.</param>
/// <param name="Reason">1 to 100 characters: sent to M-Pesa as the reversal's remarks.</param>
/// <param name="IdempotencyKey">The client's key: the same request again answers the first refund.</param>
/// <param name="RequestedBy">Who asks: the operator's name through the console; <c>client:{id}</c> when null (the API).</param>
/// <param name="RequiresApproval">
/// True (the console, when Console:RefundApproval is on): the refund is stored AwaitingApproval and nothing is sent until a
/// different person approves it (ApproveRefundCommand). False (the API): sent at once.
/// </param>
public sealed record RequestRefundCommand(ClientId ClientId, PaymentId PaymentId, long? Amount, string? Reason, string? IdempotencyKey,
    string? RequestedBy = null, bool RequiresApproval = false)
    : ICommand<Result<RefundOutcome>>;
