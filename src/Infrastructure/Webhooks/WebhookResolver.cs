using System.Net;
using Microsoft.Extensions.Options;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// How webhook hosts are resolved, for the URL rules and for the connect-time check alike (the system's DNS); a test
/// gives a name its own answers, as a rebinding DNS server would.
/// </summary>
internal sealed class WebhookResolver(Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public static WebhookResolver System { get; } = new(WebhookDns.ResolveAsync);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => resolve(host, cancellationToken);
}

/// <summary>The URL rules' real refusal messages, for the OpenAPI document's examples.</summary>
public static class WebhookUrlRefusals
{
    public static IReadOnlyList<string> Codes { get; } =
        [WebhookUrlCheck.Invalid, WebhookUrlCheck.NotHttps, WebhookUrlCheck.HasCredentials, WebhookUrlCheck.NotResolvable, WebhookUrlCheck.NotAllowed];

    /// <summary>What the rules answer for a URL refused with <paramref name="code"/> (null for another code).</summary>
    public static string? ExampleFor(string code)
    {
        var url = code switch
        {
            WebhookUrlCheck.Invalid => "ftp://hooks.example.com/shield",
            WebhookUrlCheck.NotHttps => "http://hooks.example.com/shield",
            WebhookUrlCheck.HasCredentials => "https://user:secret@hooks.example.com/shield",
            WebhookUrlCheck.NotResolvable => "https://hooks.example.com/shield",
            WebhookUrlCheck.NotAllowed => "https://10.0.0.5/shield",
            _ => null,
        };
        var rules = new WebhookUrlRules(Options.Create(new WebhooksOptions()), (_, _) => Task.FromResult(Array.Empty<IPAddress>()));
        return url is null ? null : rules.CheckAsync(url, CancellationToken.None).GetAwaiter().GetResult().Message;
    }
}
