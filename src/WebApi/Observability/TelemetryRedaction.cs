using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.Observability;

/// <summary>
/// The last look at every span before it is exported: any phone number in an attribute, the status description or the
/// name is masked (<see cref="ConsoleText.MaskPhones"/>, the console's one mask), and any configured Daraja secret
/// (consumer key and secret, passkey, callback secrets, initiator password) is replaced by <see cref="Redacted"/>.
/// Shield's own spans and the instrumentations' settings already keep them out (the callback path is redacted before
/// the request starts, query strings are redacted, EF Core sends no parameter values, outgoing URLs lose their query):
/// this is the net under them, for what a library version or a future attribute brings.
/// </summary>
public sealed class TelemetryRedaction(IOptionsMonitor<MpesaOptions> mpesa, IConfiguration configuration) : BaseProcessor<Activity>
{
    public const string Redacted = "[redacted]";

    /// <summary>Shorter values are no secret worth the name (and would match ordinary text).</summary>
    private const int MinSecretLength = 8;

    /// <summary>A phone number has nine digits at least (708374149): text without such a run has nothing to mask.</summary>
    private const int MinPhoneDigits = 9;

    /// <summary>The secrets to look for, and the settings they were read from (read again only when the settings change).
    /// One reference, swapped whole: spans end on many threads at once.</summary>
    private volatile SecretList? _secrets;

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var secrets = Secrets();
        List<KeyValuePair<string, string>>? changed = null;
        foreach (var tag in data.TagObjects)
        {
            if (tag.Value is string text && Clean(text, secrets) is var clean && !ReferenceEquals(clean, text))
            {
                (changed ??= []).Add(new(tag.Key, clean));
            }
        }

        foreach (var (key, value) in changed ?? [])
        {
            data.SetTag(key, value);
        }

        if (data.StatusDescription is { } description && Clean(description, secrets) is var status && !ReferenceEquals(status, description))
        {
            data.SetStatus(data.Status, status);
        }

        if (Clean(data.DisplayName, secrets) is var name && !ReferenceEquals(name, data.DisplayName))
        {
            data.DisplayName = name;
        }
    }

    /// <summary>The text with every secret and phone number taken out; the same instance when there was none.</summary>
    public static string Clean(string text, IReadOnlyList<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        var result = text;
        foreach (var secret in secrets)
        {
            if (result.Contains(secret, StringComparison.Ordinal))
            {
                result = result.Replace(secret, Redacted, StringComparison.Ordinal);
            }
        }

        if (MayHoldPhone(result))
        {
            var masked = ConsoleText.MaskPhones(result);
            if (!string.Equals(masked, result, StringComparison.Ordinal))
            {
                result = masked;
            }
        }

        return result;
    }

    private List<string> Secrets()
    {
        var settings = mpesa.CurrentValue;
        if (_secrets is { } known && ReferenceEquals(known.Settings, settings))
        {
            return known.Secrets;
        }

        List<string> secrets = [.. new[] { settings.ConsumerKey, settings.ConsumerSecret, settings.Passkey, settings.CallbackSecret, settings.InitiatorPassword,
                configuration["Simulator:InitiatorPassword"] }
            .Concat(settings.AcceptedCallbackSecrets)
            .Where(s => s is { Length: >= MinSecretLength })
            .Select(s => s!)];
        _secrets = new SecretList(settings, secrets);
        return secrets;
    }

    private sealed record SecretList(MpesaOptions Settings, List<string> Secrets);

    /// <summary>
    /// Whether the text has nine digits in a row, counting the separators people write phones with (space, dash, dot,
    /// brackets, plus) as part of the run: SQL such as <c>@p10, @p11</c> never does, so the regular expression runs
    /// only on text that may hold a phone.
    /// </summary>
    private static bool MayHoldPhone(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++run >= MinPhoneDigits)
                {
                    return true;
                }
            }
            else if (run > 0 && c is not (' ' or '-' or '.' or '(' or ')' or '+'))
            {
                run = 0;
            }
        }

        return false;
    }
}
