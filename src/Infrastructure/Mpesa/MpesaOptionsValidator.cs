using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Shield.Infrastructure.Mpesa;

/// <summary>Stops the service at start with a clear message when the M-Pesa configuration cannot work.</summary>
internal sealed partial class MpesaOptionsValidator : IValidateOptions<MpesaOptions>
{
    // Words Safaricom filters in URLs (REFERENCE.md §6.2): a callback URL containing them may never be called.
    private static readonly string[] ForbiddenUrlWords = ["mpesa", "m-pesa", "safaricom", "exe", "exec", "cmd", "sql", "query"];

    public ValidateOptionsResult Validate(string? name, MpesaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var simulator = options.Environment == MpesaEnvironment.Simulator;

        if (string.IsNullOrWhiteSpace(options.ConsumerKey) || string.IsNullOrWhiteSpace(options.ConsumerSecret))
        {
            failures.Add("Mpesa:ConsumerKey and Mpesa:ConsumerSecret are required (the Daraja app's credentials; set them as environment variables Mpesa__ConsumerKey and Mpesa__ConsumerSecret).");
        }

        if (!ShortCode().IsMatch(options.BusinessShortCode))
        {
            failures.Add("Mpesa:BusinessShortCode must be the 5 to 7 digit Lipa na M-Pesa shortcode (174379 in Sandbox).");
        }

        if (string.IsNullOrWhiteSpace(options.Passkey))
        {
            failures.Add("Mpesa:Passkey is required (the Lipa na M-Pesa Online passkey of the shortcode).");
        }

        if (options.TransactionType is not (MpesaOptions.PayBillOnline or MpesaOptions.BuyGoodsOnline))
        {
            failures.Add($"Mpesa:TransactionType must be {MpesaOptions.PayBillOnline} (paybill) or {MpesaOptions.BuyGoodsOnline} (till).");
        }

        if (!ShortCode().IsMatch(options.EffectivePartyB))
        {
            failures.Add("Mpesa:PartyB must be the 5 to 7 digit paybill or till number.");
        }

        if (options.BaseUrl is { Length: > 0 } baseUrl && !IsHttpUrl(baseUrl))
        {
            failures.Add("Mpesa:BaseUrl must be an absolute http(s) URL.");
        }

        ValidateCallbackUrl(options, simulator, failures);

        if (options.CallbackSecret.Length < 16 || !UrlSafe().IsMatch(options.CallbackSecret))
        {
            failures.Add("Mpesa:CallbackSecret must be at least 16 URL-safe characters (letters, digits, '-' or '_'): it is the only thing that tells Safaricom's callbacks from forgeries.");
        }

        var secretWord = ForbiddenUrlWords.FirstOrDefault(w => options.CallbackSecret.Contains(w, StringComparison.OrdinalIgnoreCase));
        if (secretWord is not null)
        {
            failures.Add($"Mpesa:CallbackSecret must not contain '{secretWord}': it is part of the callback URL, and Safaricom filters URLs with that word.");
        }

        ValidateTransactionStatus(options, failures);

        foreach (var entry in options.CallbackAllowedIps)
        {
            if (!System.Net.IPNetwork.TryParse(entry, out _) && !System.Net.IPAddress.TryParse(entry, out _))
            {
                failures.Add($"Mpesa:CallbackAllowedIps entry '{entry}' is not an IP address or CIDR range (e.g. 196.201.214.200 or 196.201.212.0/24).");
            }
        }

        if (options.AcceptedCallbackSecrets.Any(s => s.Length < 16))
        {
            failures.Add("Mpesa:AcceptedCallbackSecrets entries must be at least 16 characters, like Mpesa:CallbackSecret.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Mpesa:RequestTimeout must be between 00:00:01 and 00:02:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCallbackUrl(MpesaOptions options, bool simulator, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.CallbackBaseUrl))
        {
            if (!simulator)
            {
                failures.Add("Mpesa:CallbackBaseUrl is required: the public https base URL Safaricom posts callbacks to, e.g. https://pay.example.com.");
            }

            return;
        }

        if (!Uri.TryCreate(options.CallbackBaseUrl, UriKind.Absolute, out var url) || !IsHttpUrl(options.CallbackBaseUrl))
        {
            failures.Add("Mpesa:CallbackBaseUrl must be an absolute http(s) URL, e.g. https://pay.example.com.");
            return;
        }

        if (options.Environment == MpesaEnvironment.Production && url.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("Mpesa:CallbackBaseUrl must use https in Production: Safaricom does not call plain http URLs there.");
        }

        if (options.CallbackBaseUrl.Any(char.IsWhiteSpace) || options.CallbackBaseUrl.Any(char.IsAsciiLetterUpper))
        {
            failures.Add("Mpesa:CallbackBaseUrl must be lowercase with no spaces: Daraja refuses such URLs (Invalid CallBackURL).");
        }

        var word = ForbiddenUrlWords.FirstOrDefault(w => options.CallbackBaseUrl.Contains(w, StringComparison.OrdinalIgnoreCase));
        if (word is not null)
        {
            failures.Add($"Mpesa:CallbackBaseUrl must not contain '{word}': Safaricom filters URLs with that word.");
        }
    }

    private static void ValidateTransactionStatus(MpesaOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Initiator))
        {
            return; // Transaction Status is optional: verify then reports it is not configured
        }

        if (string.IsNullOrEmpty(options.InitiatorPassword))
        {
            failures.Add("Mpesa:InitiatorPassword is required with Mpesa:Initiator (the API operator's password, for Transaction Status).");
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            // In Simulator mode the host supplies the simulator's certificate.
            if (options.Environment != MpesaEnvironment.Simulator)
            {
                failures.Add("Mpesa:CertificatePath is required with Mpesa:Initiator: the M-Pesa public certificate (.cer) from the Daraja portal.");
            }

            return;
        }

        try
        {
            using var certificate = SecurityCredential.LoadCertificate(options.CertificatePath);
            using var key = certificate.GetRSAPublicKey();
            if (key is null)
            {
                failures.Add($"Mpesa:CertificatePath ({options.CertificatePath}) holds no RSA public key.");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            failures.Add($"Mpesa:CertificatePath ({options.CertificatePath}) is not a readable X.509 certificate (PEM or DER): {exception.Message}");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex("^[0-9]{5,7}$")]
    private static partial Regex ShortCode();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex UrlSafe();
}
