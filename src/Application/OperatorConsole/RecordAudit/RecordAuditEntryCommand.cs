using Mediator;
using Shield.Application.OperatorConsole.Ports;
using Shield.Domain.OperatorConsole;

namespace Shield.Application.OperatorConsole.RecordAudit;

/// <summary>Appends what a person did in the console to the audit log (<see cref="AuditEntry"/>).</summary>
/// <param name="Actor">Who, as the console names them.</param>
/// <param name="Action">The stable action code (<c>payment.verify</c>...).</param>
/// <param name="ObjectType">The kind of object (<c>payment</c>, <c>refund</c>...), or null.</param>
/// <param name="ObjectId">Its id, or null.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Detail">The refusal's stable code, or the person's note.</param>
public sealed record RecordAuditEntryCommand(string Actor, string Action, string? ObjectType, string? ObjectId, AuditOutcome Outcome, string? Detail)
    : ICommand;

public sealed class RecordAuditEntryCommandHandler(IAuditLog log, TimeProvider clock) : ICommandHandler<RecordAuditEntryCommand>
{
    public async ValueTask<Unit> Handle(RecordAuditEntryCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Recorded even when the caller gave up waiting: the action it describes may have happened.
        await log.AppendAsync(AuditEntry.Record(command.Actor, command.Action, command.ObjectType, command.ObjectId, command.Outcome, command.Detail,
            clock.GetUtcNow()), CancellationToken.None);
        return Unit.Value;
    }
}
