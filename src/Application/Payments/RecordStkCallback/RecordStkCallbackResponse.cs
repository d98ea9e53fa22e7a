using Shield.Domain.Callbacks;

namespace Shield.Application.Payments.RecordStkCallback;

/// <summary>What became of the callback. Only Malformed is worth an error to Safaricom.</summary>
public sealed record RecordStkCallbackResponse(Guid CallbackId, CallbackOutcome Outcome);
