using System.Globalization;

namespace Shield.DarajaSimulator.Standalone;

/// <summary>
/// What the standalone simulator prints at start: everything a client needs to use it as its Daraja. These are the
/// simulator's own test values, printed on purpose; the log never carries them.
/// </summary>
internal static class StandaloneBanner
{
    public static void Write(TextWriter output, DarajaSimulatorOptions options, IReadOnlyList<string> baseUrls, string certificateFile)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(baseUrls);

        var lines = new List<string>
        {
            "Daraja simulator: a local stand-in for Safaricom's Daraja API (test values below, not secrets).",
        };
        lines.AddRange(baseUrls.Select(url => Line("Base URL", url.TrimEnd('/') + "   (in place of https://sandbox.safaricom.co.ke)")));
        lines.AddRange(
        [
            Line("Consumer key", options.ConsumerKey),
            Line("Consumer secret", options.ConsumerSecret),
            Line("Shortcode", options.BusinessShortCode + "   (PartyB = shortcode for CustomerPayBillOnline)"),
            Line("Passkey", options.Passkey),
            Line("Initiator name", options.InitiatorName),
            Line("Initiator password", options.InitiatorPassword),
            Line("Certificate (PEM)", certificateFile),
            "    SecurityCredential = base64(RSA PKCS#1 v1.5 encryption of the initiator password with this certificate);",
            "    the key pair is new at every start.",
            Line("Strictness", options.Strictness + (options.Strictness == DarajaSimulatorStrictness.Documented
                ? "   (accepts and logs what Daraja likely accepts against its docs; --Simulator:Strictness=Strict refuses it)"
                : "   (refuses everything the docs forbid)")),
            Line("Callback delay", options.CallbackDelay.ToString("c", CultureInfo.InvariantCulture)),
            "  Endpoints: GET /oauth/v1/generate?grant_type=client_credentials, POST /mpesa/stkpush/v1/processrequest,",
            "             POST /mpesa/stkpushquery/v1/query, POST /mpesa/transactionstatus/v1/query",
            "  Callbacks go to the CallBackURL / ResultURL each request names. The phone's last 4 digits pick the customer:",
            "    1032 cancels, 1037 never answers, 0001 insufficient funds, 2001 wrong PIN, 1019 expires, 0500 push refused",
            "    (subscriber locked), 0000 pays but no callback, 0002 callback twice, 0007 receipt ending in 7; others pay.",
            "Press Ctrl+C to stop.",
        ]);

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        output.Flush();
    }

    private static string Line(string label, string value) => "  " + (label + ":").PadRight(20) + value;
}
