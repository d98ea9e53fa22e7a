namespace Shield.Infrastructure.Mpesa;

/// <summary>Configuration section <c>Mpesa</c> (ARCHITECTURE.md §6). Secrets come from the environment, never from files in the repository.</summary>
public sealed class MpesaOptions
{
    public const string SectionName = "Mpesa";
    public const string SandboxBaseUrl = "https://sandbox.safaricom.co.ke";
    public const string ProductionBaseUrl = "https://api.safaricom.co.ke";
    public const string PayBillOnline = "CustomerPayBillOnline";
    public const string BuyGoodsOnline = "CustomerBuyGoodsOnline";

    public MpesaEnvironment Environment { get; set; } = MpesaEnvironment.Sandbox;

    /// <summary>Overrides the Daraja host chosen by <see cref="Environment"/>.</summary>
    public string? BaseUrl { get; set; }

    public string ConsumerKey { get; set; } = string.Empty;

    public string ConsumerSecret { get; set; } = string.Empty;

    public string BusinessShortCode { get; set; } = string.Empty;

    public string Passkey { get; set; } = string.Empty;

    public string TransactionType { get; set; } = PayBillOnline;

    /// <summary>The credit party: the paybill (defaults to the shortcode) or, for CustomerBuyGoodsOnline, the till number.</summary>
    public string? PartyB { get; set; }

    /// <summary>The public base URL Safaricom can reach; https in Production.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>The secret path segment of callback URLs (unguessable; Safaricom's callbacks are not signed).</summary>
    public string CallbackSecret { get; set; } = string.Empty;

    /// <summary>Further secrets still accepted on callbacks (the previous one while rotating); URLs always use <see cref="CallbackSecret"/>.</summary>
    public IList<string> AcceptedCallbackSecrets { get; } = [];

    /// <summary>Optional allow-list of callback source addresses (IPs or CIDR ranges). Empty: any source.</summary>
    public IList<string> CallbackAllowedIps { get; } = [];

    public string? Initiator { get; set; }

    public string? InitiatorPassword { get; set; }

    public string? CertificatePath { get; set; }

    /// <summary>
    /// The reversal request's <c>RecieverIdentifierType</c> (REFERENCE.md §11.1): "11" per the official page; Safaricom's
    /// older Postman collection says "4". Which one production wants today is unconfirmed, hence an option.
    /// </summary>
    public string ReversalReceiverIdentifierType { get; set; } = "11";

    /// <summary>How long one call to Daraja may take before it counts as timed out.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public string EffectivePartyB => string.IsNullOrWhiteSpace(PartyB) ? BusinessShortCode : PartyB;
}
