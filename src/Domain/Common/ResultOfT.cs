using System.Diagnostics.CodeAnalysis;

namespace Shield.Domain.Common;

/// <summary>A result that carries a value when it succeeds.</summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory methods read best on the type itself.")]
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T value) : base(null) => _value = value;

    private Result(Error error) : base(error)
    {
    }

    /// <summary>The value of a successful result; reading it from a failure is a bug.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result failed with {Error!.Code}; it has no value.");

    public static Result<T> Success(T value) => new(value);

    public static new Result<T> Failure(Error error) => new(error);

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}
