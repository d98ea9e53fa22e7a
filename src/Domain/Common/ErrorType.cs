namespace Shield.Domain.Common;

/// <summary>The kind of an expected failure; the web layer maps each kind to one HTTP status.</summary>
public enum ErrorType
{
    Validation,
    NotFound,
    Conflict,
    Mismatch,
    UpstreamRejected,
    UpstreamUnavailable,
    UpstreamTimeout,
    Unavailable,
    RateLimited,
    Forbidden,
}
