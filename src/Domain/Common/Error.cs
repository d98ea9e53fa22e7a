namespace Shield.Domain.Common;

/// <summary>An expected failure with a stable, documented code (for example <c>payment.not_found</c>).</summary>
public sealed record Error(string Code, string Message, ErrorType Type)
{
    /// <summary>The request fields the error is about (for example those an idempotency key's first request had otherwise).</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>When trying again makes sense, after how many seconds.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static Error NotFound(string code, string message) => new(code, message, ErrorType.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorType.Conflict);

    public static Error Validation(string code, string message) => new(code, message, ErrorType.Validation);
}
