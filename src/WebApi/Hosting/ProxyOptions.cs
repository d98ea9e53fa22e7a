namespace Shield.WebApi.Hosting;

/// <summary>Configuration section <c>ForwardedHeaders</c>: the reverse proxies whose X-Forwarded-For is believed.</summary>
internal sealed class ProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>IP addresses of the proxies (ForwardedHeaders__KnownProxies__0=10.0.0.5). None by default, not even loopback.</summary>
    public IList<string> KnownProxies { get; } = [];
}
