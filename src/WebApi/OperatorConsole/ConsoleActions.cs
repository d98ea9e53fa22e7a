using FluentValidation;
using Mediator;
using Shield.Application.Common.Persistence;
using Shield.Application.OperatorConsole.RecordAudit;
using Shield.Domain.Common;
using Shield.Domain.OperatorConsole;

namespace Shield.WebApi.OperatorConsole;

/// <summary>
/// Every console action goes through here: the module's own command is sent through the mediator (the same command
/// the API sends), and the audit log records who did it, to what, and how it ended, whether it was done, refused or
/// failed.
/// </summary>
public sealed partial class ConsoleActions(IMediator mediator, IHttpContextAccessor http, ILogger<ConsoleActions> logger)
{
    /// <summary>Runs <paramref name="action"/> and audits it as <paramref name="code"/> on the object.</summary>
    public async Task<ActionOutcome<T>> RunAsync<T>(string code, string objectType, string objectId, Func<CancellationToken, ValueTask<Result<T>>> action,
        string? note = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var cancellationToken = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        ActionOutcome<T> outcome;
        try
        {
            var result = await action(cancellationToken);
            outcome = result.IsSuccess ? new ActionOutcome<T>(result.Value, null) : new ActionOutcome<T>(default, result.Error);
        }
        catch (ValidationException exception)
        {
            outcome = new ActionOutcome<T>(default, Error.Validation("invalid_request", string.Join(" ", exception.Errors.Select(e => e.ErrorMessage))));
        }
        catch (Exception exception) when (exception is DatabaseUnavailableException or ConcurrencyConflictException or OperationCanceledException)
        {
            LogActionFailed(logger, code, objectType, exception);
            outcome = new ActionOutcome<T>(default, new Error("action_failed", "It could not be done just now; nothing was changed that the page does not show. Try again.",
                ErrorType.Unavailable), Failed: true);
        }

        var detail = outcome.Error?.Code is { } errorCode ? (note is null ? errorCode : $"{errorCode}: {note}") : note;
        await AuditAsync(code, objectType, objectId, outcome.Failed ? AuditOutcome.Failed : outcome.Error is null ? AuditOutcome.Succeeded : AuditOutcome.Refused, detail);
        return outcome;
    }

    /// <summary>Records something done that is not a command (a sign-in, a phone revealed, an export).</summary>
    public async Task AuditAsync(string code, string? objectType, string? objectId, AuditOutcome outcome, string? detail, string? actor = null) =>
        await mediator.Send(new RecordAuditEntryCommand(actor ?? http.HttpContext?.User.Actor() ?? "unknown", code, objectType, objectId, outcome, detail));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console action {Action} on a {ObjectType} failed")]
    private static partial void LogActionFailed(ILogger logger, string action, string objectType, Exception exception);
}

/// <summary>How a console action ended: its value, or the error shown to the person.</summary>
public sealed record ActionOutcome<T>(T? Value, Error? Error, bool Failed = false)
{
    public bool Succeeded => Error is null;
}
