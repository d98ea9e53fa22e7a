using Shield.Domain.OperatorConsole;

namespace Shield.Application.OperatorConsole.Contracts;

/// <summary>One audit entry as the console shows it.</summary>
public sealed record AuditDetails(Guid Id, DateTimeOffset At, string Actor, string Action, string? ObjectType, string? ObjectId, AuditOutcome Outcome,
    string? Detail);

/// <summary>What the audit log can be filtered by; dates are UTC instants, inclusive.</summary>
public sealed record AuditFilter(string? Actor = null, string? Action = null, string? ObjectType = null, string? ObjectId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed record AuditPage(IReadOnlyList<AuditDetails> Entries, int Page, int PageSize, int Total);
