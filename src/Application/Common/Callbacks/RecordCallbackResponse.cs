using Shield.Application.Common.Behaviours;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;

namespace Shield.Application.Common.Callbacks;

/// <summary>
/// What became of the callback. Only Malformed (and SourceRejected) are worth an error to Safaricom; Received means it
/// is stored and will be processed by the reconciler (the database failed just after storing it). <see cref="PaymentId"/>:
/// the payment it was matched to, once it was (the request's log line and span name it).
/// </summary>
public sealed record RecordCallbackResponse(Guid CallbackId, CallbackOutcome Outcome, PaymentId? PaymentId = null) : IMayBeAboutPayment;
