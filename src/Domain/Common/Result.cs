namespace Shield.Domain.Common;

/// <summary>The outcome of an operation whose failure is expected: success, or an <see cref="Error"/>.</summary>
public class Result
{
    private static readonly Result SuccessResult = new(null);

    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public bool IsFailure => Error is not null;

    public static Result Success() => SuccessResult;

    public static Result Failure(Error error) => new(error);

    public static Result<T> Success<T>(T value) => Result<T>.Success(value);

    public static implicit operator Result(Error error) => Failure(error);
}
