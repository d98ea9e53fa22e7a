namespace Shield.Infrastructure.Mpesa;

internal static class DarajaUrls
{
    public const string StkPush = "mpesa/stkpush/v1/processrequest";
    public const string StkQuery = "mpesa/stkpushquery/v1/query";
    public const string TransactionStatus = "mpesa/transactionstatus/v1/query";
    public const string Reversal = "mpesa/reversal/v1/request";

    /// <summary>The callback path: free of the words Safaricom filters (mpesa, safaricom, query, ...).</summary>
    public const string StkCallbackPath = "api/v1/daraja/stk-callback";

    /// <summary>Joins a base URL that may carry a path (the simulator's prefix) with a relative path.</summary>
    public static Uri Combine(Uri baseUrl, string relative) => new($"{baseUrl.AbsoluteUri.TrimEnd('/')}/{relative}");
}
