namespace Shield.Infrastructure.Fleet;

/// <summary>Configuration section <c>Cache</c>: state shared by the instances of a fleet.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Cache";

    /// <summary>
    /// A StackExchange.Redis connection string (<c>redis:6379,password=...</c>). Set: the OAuth token and the rate limits
    /// are shared by every instance using the same Redis. Unset: each instance keeps them in its own memory.
    /// </summary>
    public string? Redis { get; set; }
}
