namespace Shield.Domain.OperatorConsole;

/// <summary>
/// One thing a person did in the operator console: who, when, what, on which object, and how it ended. Append-only:
/// an entry is written once and has nothing that changes it (the database refuses updates and deletes of it too).
/// </summary>
public sealed class AuditEntry
{
    public const int MaxActorLength = 128;
    public const int MaxActionLength = 48;
    public const int MaxObjectTypeLength = 32;
    public const int MaxObjectIdLength = 64;
    public const int MaxDetailLength = 500;

    private AuditEntry()
    {
        Actor = string.Empty;
        Action = string.Empty;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The person, as the console names them (<c>operator:alice</c>, <c>oidc:alice@example.com</c>).</summary>
    public string Actor { get; private set; }

    /// <summary>A stable action code: <c>payment.verify</c>, <c>refund.approve</c>, <c>phone.reveal</c>, <c>sign_in.failed</c>...</summary>
    public string Action { get; private set; }

    /// <summary>What kind of object it was done to (<c>payment</c>, <c>refund</c>, <c>callback</c>...), or null.</summary>
    public string? ObjectType { get; private set; }

    public string? ObjectId { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    /// <summary>The stable code of a refusal or failure, or the person's note; never a secret nor a full phone number.</summary>
    public string? Detail { get; private set; }

    public static AuditEntry Record(string actor, string action, string? objectType, string? objectId, AuditOutcome outcome, string? detail,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            Actor = Clip(actor, MaxActorLength)!,
            Action = Clip(action, MaxActionLength)!,
            ObjectType = Clip(objectType, MaxObjectTypeLength),
            ObjectId = Clip(objectId, MaxObjectIdLength),
            Outcome = outcome,
            Detail = Clip(detail, MaxDetailLength),
        };
    }

    private static string? Clip(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;
}

/// <summary>How an audited action ended.</summary>
public enum AuditOutcome
{
    /// <summary>It was done.</summary>
    Succeeded,

    /// <summary>The rules refused it (the detail has the stable code); nothing changed.</summary>
    Refused,

    /// <summary>It failed on the way (storage, Daraja); the detail says how.</summary>
    Failed,
}
