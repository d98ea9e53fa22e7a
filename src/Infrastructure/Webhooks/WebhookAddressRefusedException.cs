using System.Net;

namespace Shield.Infrastructure.Webhooks;

/// <summary>A delivery's connection was refused because its host resolved to an address <see cref="NetworkPolicy"/> refuses.</summary>
internal sealed class WebhookAddressRefusedException(string host, IPAddress address, string reason)
    : Exception($"{host} resolves to a {reason} address, which Webhooks:AllowedPrivateNetworks does not allow")
{
    public string Host { get; } = host;

    public IPAddress Address { get; } = address;

    public string Reason { get; } = reason;
}
