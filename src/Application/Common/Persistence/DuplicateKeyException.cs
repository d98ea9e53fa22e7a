namespace Shield.Application.Common.Persistence;

/// <summary>A commit was refused by a unique index: the database, not a check before the insert, decided.</summary>
public sealed class DuplicateKeyException : Exception
{
    public DuplicateKeyException()
    {
    }

    public DuplicateKeyException(string message) : base(message)
    {
    }

    public DuplicateKeyException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DuplicateKeyException(UniqueKey key, Exception innerException) : base($"Unique index {key} refused the change.", innerException) => Key = key;

    public UniqueKey Key { get; }
}
