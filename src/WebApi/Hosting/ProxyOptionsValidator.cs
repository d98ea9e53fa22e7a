using System.Net;
using Microsoft.Extensions.Options;

namespace Shield.WebApi.Hosting;

/// <summary>Stops the service at start when a known proxy is not an IP address, naming the entry.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.KnownProxies
            .Select((entry, index) => (entry, index))
            .Where(p => !IPAddress.TryParse(p.entry, out _))
            .Select(p => $"{ProxyOptions.SectionName}:{nameof(ProxyOptions.KnownProxies)}:{p.index} ('{p.entry}') is not an IP address: name each reverse proxy by its address, e.g. 10.0.0.5.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
