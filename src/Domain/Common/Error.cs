namespace Shield.Domain.Common;

/// <summary>An expected failure with a stable, documented code (for example <c>payment.not_found</c>).</summary>
public sealed record Error(string Code, string Message, ErrorType Type)
{
    public static Error NotFound(string code, string message) => new(code, message, ErrorType.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorType.Conflict);

    public static Error Validation(string code, string message) => new(code, message, ErrorType.Validation);
}
