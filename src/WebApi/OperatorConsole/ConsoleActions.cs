using FluentValidation;
using Mediator;
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
        string? detailOnFailure = null;
        ActionOutcome<T> outcome = new(default, new Error("action_failed", "It failed before it could be done.", ErrorType.Unavailable), Failed: true);
        try
        {
            var result = await action(cancellationToken);
            outcome = result.IsSuccess ? new ActionOutcome<T>(result.Value, null) : new ActionOutcome<T>(default, result.Error);
        }
        catch (ValidationException exception)
        {
            outcome = new ActionOutcome<T>(default, Error.Validation("invalid_request", string.Join(" ", exception.Errors.Select(e => e.ErrorMessage))));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Stored work may have been committed before the failure (an approved refund sent to M-Pesa whose answer could
            // not be recorded): say so, and let the record, not the person, decide whether to do it again.
            LogActionFailed(logger, code, objectType, exception);
            outcome = new ActionOutcome<T>(default, new Error("action_failed",
                "It failed on the way and may have been done in part: read the record again before trying again.", ErrorType.Unavailable), Failed: true);
            detailOnFailure = exception.GetType().Name;
        }
        finally
        {
            // Recorded whatever happened, also when the person gave up waiting: the action may have happened. If the
            // audit log cannot be written (the database went away), the person is still told how the action ended, and
            // the service's log keeps what the audit log could not.
            var detail = outcome.Error?.Code is { } errorCode ? Join(detailOnFailure is null ? errorCode : $"{errorCode} ({detailOnFailure})", note) : note;
            var audited = outcome.Failed ? AuditOutcome.Failed : outcome.Error is null ? AuditOutcome.Succeeded : AuditOutcome.Refused;
            try
            {
                await AuditAsync(code, objectType, objectId, audited, detail);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                LogAuditLost(logger, code, objectType, objectId, audited, exception);
            }
        }

        return outcome;
    }

    /// <summary>Records something done that is not a command (a sign-in, a phone revealed, an export).</summary>
    /// <remarks>
    /// The detail is what people typed or a code: any phone number in it is masked, as the log is read by every role.
    /// </remarks>
    public async Task AuditAsync(string code, string? objectType, string? objectId, AuditOutcome outcome, string? detail, string? actor = null) =>
        await mediator.Send(new RecordAuditEntryCommand(Display.ConsoleText.MaskPhones(actor ?? http.HttpContext?.User.Actor() ?? "unknown"), code, objectType,
            objectId is null ? null : Display.ConsoleText.MaskPhones(objectId), outcome, detail is null ? null : Display.ConsoleText.MaskPhones(detail)),
            CancellationToken.None);

    private static string Join(string code, string? note) => note is null ? code : $"{code}: {note}";

    [LoggerMessage(Level = LogLevel.Error, Message = "Console action {Action} on {ObjectType} {ObjectId} ended {Outcome}, and its audit entry could not be written")]
    private static partial void LogAuditLost(ILogger logger, string action, string objectType, string objectId, AuditOutcome outcome, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console action {Action} on a {ObjectType} failed")]
    private static partial void LogActionFailed(ILogger logger, string action, string objectType, Exception exception);
}

/// <summary>How a console action ended: its value, or the error shown to the person.</summary>
public sealed record ActionOutcome<T>(T? Value, Error? Error, bool Failed = false)
{
    public bool Succeeded => Error is null;
}
