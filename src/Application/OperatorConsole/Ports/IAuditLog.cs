using Shield.Application.OperatorConsole.Contracts;
using Shield.Domain.OperatorConsole;

namespace Shield.Application.OperatorConsole.Ports;

/// <summary>
/// The console's audit log: append and read, nothing else. An entry is committed on its own, apart from the action it
/// describes, so that a refused or failed action is recorded as surely as a done one.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>One page of entries matching <paramref name="filter"/>, newest first, and how many match.</summary>
    Task<AuditPage> ListAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken);
}
