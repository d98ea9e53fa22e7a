using Mediator;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.ResolveReview;

/// <summary>A person looked at a payment flagged for review and says what they decided (<see cref="Review.Resolve"/>).</summary>
/// <param name="ClientId">The client whose payment it is (another client's is not found).</param>
/// <param name="PaymentId">The payment.</param>
/// <param name="Reason">The review reason's code the person looked at.</param>
/// <param name="Note">What was decided, in the person's words.</param>
/// <param name="ResolvedBy">Who: <c>client:{id}</c> through the API, the operator's name through the console.</param>
public sealed record ResolveReviewCommand(ClientId ClientId, PaymentId PaymentId, string? Reason, string? Note, string ResolvedBy)
    : ICommand<Result<PaymentOutcome>>, IAboutPayment;
