namespace Shield.DarajaSimulator;

/// <summary>Settings of the Daraja simulator (configuration section <c>Simulator</c>).</summary>
public sealed class DarajaSimulatorOptions
{
    /// <summary>How long the simulated customer takes; the outcome becomes final, and the callback is posted, this long after the push was accepted (<c>Simulator:CallbackDelay</c>).</summary>
    public TimeSpan CallbackDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Consumer key accepted on OAuth (HTTP Basic user name).</summary>
    public string ConsumerKey { get; set; } = "";

    /// <summary>Consumer secret accepted on OAuth (HTTP Basic password).</summary>
    public string ConsumerSecret { get; set; } = "";

    /// <summary>The Lipa na M-Pesa shortcode pushes and queries must carry.</summary>
    public string BusinessShortCode { get; set; } = "174379";

    /// <summary>The passkey the STK Password is built from: base64(shortcode + passkey + timestamp).</summary>
    public string Passkey { get; set; } = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

    /// <summary>The API operator Transaction Status requests must name (the sandbox's <c>testapi</c>).</summary>
    public string InitiatorName { get; set; } = "testapi";

    /// <summary>The password their SecurityCredential must decrypt to (with <see cref="DarajaSimulatorCertificate"/>'s key).</summary>
    public string InitiatorPassword { get; set; } = "Safaricom999!*!";

    /// <summary>
    /// <see cref="DarajaSimulatorStrictness.Documented"/> (the default) accepts, and notes, what real Daraja is known or
    /// likely to accept against its documentation; <see cref="DarajaSimulatorStrictness.Strict"/> refuses it
    /// (<c>Simulator:Strictness</c>).
    /// </summary>
    public DarajaSimulatorStrictness Strictness { get; set; } = DarajaSimulatorStrictness.Documented;
}
