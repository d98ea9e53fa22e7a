using Shield.Application.Webhooks.Ports;
using Shield.Domain.Common;

namespace Shield.Infrastructure.Webhooks;

/// <summary>The Webhooks module's URL rules (<see cref="WebhookUrlRules"/>) as its port: a refusal is a 400 with its code.</summary>
internal sealed class WebhookUrlRulesPort(WebhookUrlRules rules) : IWebhookUrlRules
{
    public async Task<Result<Uri>> CheckAsync(string url, CancellationToken cancellationToken)
    {
        var check = await rules.CheckAsync(url, cancellationToken);
        return check is { IsAllowed: true, Url: { } allowed } ? allowed : Error.Validation(check.Code!, check.Message!) with { Fields = ["url"] };
    }
}

/// <summary>Signing secrets from the system's random number generator (<see cref="WebhookSecret.New"/>).</summary>
internal sealed class WebhookSecrets : IWebhookSecrets
{
    public string New() => WebhookSecret.New();
}
