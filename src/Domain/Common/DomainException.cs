namespace Shield.Domain.Common;

/// <summary>A domain rule was broken by the caller: a bug or unvalidated input, never an expected outcome.</summary>
public sealed class DomainException : Exception
{
    public DomainException()
    {
    }

    public DomainException(string message) : base(message)
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
