namespace Shield.DarajaSimulator;

/// <summary>Phone numbers are logged masked: first 4 and last 2 digits, e.g. <c>2547******49</c>.</summary>
internal static class PhoneMask
{
    private const string CheckoutRequestIdPrefix = "ws_CO_";
    private const int MsisdnLength = 12;

    /// <summary>Where the MSISDN starts in a simulator CheckoutRequestID: after <c>ws_CO_</c> and <c>ddMMyyyyHHmmssfff</c>.</summary>
    private const int CheckoutRequestIdMsisdnStart = 6 + 17;

    public static string Mask(string msisdn) =>
        msisdn.Length <= 6
            ? new string('*', msisdn.Length)
            : string.Concat(msisdn.AsSpan(0, 4), new string('*', msisdn.Length - 6), msisdn.AsSpan(msisdn.Length - 2));

    /// <summary>A CheckoutRequestID embeds the full MSISDN (Daraja's format); this masks it for logs.</summary>
    public static string MaskCheckoutRequestId(string checkoutRequestId)
    {
        if (!checkoutRequestId.StartsWith(CheckoutRequestIdPrefix, StringComparison.Ordinal)
            || checkoutRequestId.Length < CheckoutRequestIdMsisdnStart + MsisdnLength)
        {
            return checkoutRequestId;
        }

        return string.Concat(
            checkoutRequestId.AsSpan(0, CheckoutRequestIdMsisdnStart),
            Mask(checkoutRequestId.Substring(CheckoutRequestIdMsisdnStart, MsisdnLength)),
            checkoutRequestId.AsSpan(CheckoutRequestIdMsisdnStart + MsisdnLength));
    }
}
