using Shield.Domain.Common;

namespace Shield.Application.Webhooks.Ports;

/// <summary>
/// Whether Shield may post to a URL: https (unless Webhooks:RequireHttps is off), no credentials in it, and a host
/// that resolves to no loopback, private, link-local, CGNAT, multicast or unique-local address outside
/// Webhooks:AllowedPrivateNetworks. Checked again at connect time, on the socket's real address.
/// </summary>
public interface IWebhookUrlRules
{
    Task<Result<Uri>> CheckAsync(string url, CancellationToken cancellationToken);
}

/// <summary>Makes the signing secrets (<c>whsec_</c> + base64 of 32 random bytes).</summary>
public interface IWebhookSecrets
{
    string New();
}
