namespace Shield.Application.Common.Persistence;

/// <summary>Another writer changed the aggregate since it was read (optimistic concurrency). Reload and decide again.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
    {
    }

    public ConcurrencyConflictException(string message) : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
