using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>
/// A module's reading of the callbacks it owns (<see cref="Kinds"/>): given one already stored raw, it applies it and
/// records what became of it (<see cref="CallbackRecorder"/>). The request that stored it and the sweep of callbacks left
/// unprocessed both come here.
/// </summary>
public interface ICallbackApplier
{
    IReadOnlyList<CallbackKind> Kinds { get; }

    /// <summary>Applies a stored callback this unit of work tracks; returns it as recorded.</summary>
    Task<InboundCallback> ApplyAsync(InboundCallback callback);
}
