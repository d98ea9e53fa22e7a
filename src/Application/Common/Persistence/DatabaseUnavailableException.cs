namespace Shield.Application.Common.Persistence;

/// <summary>The database could not be reached. The request can be tried again later; nothing was half-done by it.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message) : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
