using System.Globalization;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>Callback bodies shaped exactly like REFERENCE.md §3.2-3.4 (the captured production shape).</summary>
public static class StkCallbacks
{
    /// <summary>A success; PhoneNumber is left out unless given (captures show it may be missing).</summary>
    public static string Success(string checkoutRequestId, decimal amount, string receipt, string? phoneNumber = null) =>
        "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"11225-96181251-1\",\"CheckoutRequestID\":\"" + checkoutRequestId
        + "\",\"ResultCode\":0,\"ResultDesc\":\"The service request is processed successfully.\",\"CallbackMetadata\":{\"Item\":["
        + "{\"Name\":\"Amount\",\"Value\":" + amount.ToString("0.00", CultureInfo.InvariantCulture) + "},"
        + "{\"Name\":\"MpesaReceiptNumber\",\"Value\":\"" + receipt + "\"},{\"Name\":\"Balance\"},"
        + "{\"Name\":\"TransactionDate\",\"Value\":20221117155745}"
        + (phoneNumber is null ? string.Empty : ",{\"Name\":\"PhoneNumber\",\"Value\":" + phoneNumber + "}") + "]}}}}";

    public static string Failure(string checkoutRequestId, int resultCode, string resultDesc) =>
        "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"f1e2-4b95-a71d-b30d3cdbb7a7942864\",\"CheckoutRequestID\":\"" + checkoutRequestId
        + "\",\"ResultCode\":" + resultCode.ToString(CultureInfo.InvariantCulture) + ",\"ResultDesc\":\"" + resultDesc + "\"}}}";
}
