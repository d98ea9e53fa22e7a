using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>
/// What became of the callback. Only Malformed (and SourceRejected) are worth an error to Safaricom; Received means it
/// is stored and will be processed by the reconciler (the database failed just after storing it).
/// </summary>
public sealed record RecordCallbackResponse(Guid CallbackId, CallbackOutcome Outcome);
