using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// The rules an endpoint URL must pass when a client registers it: an absolute http(s) URL of at most 2048 characters,
/// https unless <c>Webhooks:RequireHttps</c> is false, no credentials, and a host whose every address
/// <see cref="NetworkPolicy"/> allows. Names can be made to resolve elsewhere later (DNS rebinding), so the delivery
/// connection checks the address again (<see cref="WebhookHttp"/>); this check gives the client an early, clear answer.
/// A refusal names what the address is, not the address: a client must not learn how Shield resolves internal names.
/// </summary>
internal sealed class WebhookUrlRules
{
    public const int MaxLength = 2048;

    private readonly WebhooksOptions _options;
    private readonly NetworkPolicy _policy;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <param name="options">The <c>Webhooks</c> section.</param>
    /// <param name="resolve">Resolves a host name; the system resolver when null.</param>
    public WebhookUrlRules(IOptions<WebhooksOptions> options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _policy = NetworkPolicy.From(_options);
        _resolve = resolve ?? WebhookDns.ResolveAsync;
    }

    /// <summary>Checks <paramref name="url"/>; only the caller's cancellation throws, every refusal is a value.</summary>
    public async Task<WebhookUrlCheck> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.IdnHost))
        {
            return WebhookUrlCheck.Refused(WebhookUrlCheck.Invalid,
                $"The webhook URL must be an absolute http or https URL of at most {MaxLength} characters, e.g. https://example.com/webhooks/shield.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && _options.RequireHttps)
        {
            return WebhookUrlCheck.Refused(WebhookUrlCheck.NotHttps, "The webhook URL must use https.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return WebhookUrlCheck.Refused(WebhookUrlCheck.HasCredentials,
                "The webhook URL must not contain a user name or password: receivers verify the webhook-signature header instead.");
        }

        var host = uri.IdnHost;
        IPAddress[] addresses;
        using (var resolution = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            resolution.CancelAfter(_options.Timeout);
            try
            {
                addresses = await WebhookDns.AddressesOfAsync(host, _resolve, resolution.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return NotResolvable(host, $"it did not resolve within {WebhooksOptions.Describe(_options.Timeout)}");
            }
            catch (Exception exception) when (exception is SocketException or ArgumentException)
            {
                return NotResolvable(host, "it has no address");
            }
        }

        if (addresses.Length == 0)
        {
            return NotResolvable(host, "it has no address");
        }

        foreach (var address in addresses)
        {
            if (!_policy.IsAllowed(address, out var reason))
            {
                return WebhookUrlCheck.Refused(WebhookUrlCheck.NotAllowed,
                    $"The webhook URL's host {host} resolves to an address webhooks are not sent to ({reason}); "
                    + "an operator can allow its range with Webhooks:AllowedPrivateNetworks.");
            }
        }

        return WebhookUrlCheck.Allowed(uri);
    }

    private static WebhookUrlCheck NotResolvable(string host, string why) =>
        WebhookUrlCheck.Refused(WebhookUrlCheck.NotResolvable, $"The webhook URL's host {host} cannot be used: {why}.");
}
