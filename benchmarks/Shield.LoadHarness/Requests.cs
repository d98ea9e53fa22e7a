using System.Globalization;
using System.Text;

namespace Shield.LoadHarness;

/// <summary>The requests of each scenario, the same bytes for Shield and for the baseline.</summary>
internal static class Requests
{
    public const int Amount = 10;
    private const string PaymentsPath = "/api/v1/payments";
    private static readonly TimeSpan EastAfrica = TimeSpan.FromHours(3);

    public static LoadRequest Initiate(int phoneIndex) => new(HttpMethod.Post, PaymentsPath,
        Encoding.UTF8.GetBytes($$"""{"phoneNumber":"{{PhoneBook.Phone(phoneIndex)}}","amount":{{Amount}},"accountReference":"BENCH","description":"Load test"}"""),
        ExpectedStatus: 202);

    public static LoadRequest Get(Guid id) => new(HttpMethod.Get, $"{PaymentsPath}/{id}", null, ExpectedStatus: 200);

    public static LoadRequest List(int page) =>
        new(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"{PaymentsPath}?page={page}&pageSize=20"), null, ExpectedStatus: 200);

    /// <summary>The success callback Safaricom would post for <paramref name="payment"/> (REFERENCE.md §3.3's shape).</summary>
    public static LoadRequest SuccessCallback(PendingPayment payment)
    {
        var receipt = string.Create(CultureInfo.InvariantCulture, $"TB{payment.PhoneIndex:D8}");
        return new LoadRequest(HttpMethod.Post, $"/api/v1/daraja/stk-callback/{HarnessCredentials.CallbackSecret}",
            SuccessCallbackBody(payment.MerchantRequestId, payment.CheckoutRequestId, PhoneBook.Phone(payment.PhoneIndex), receipt),
            ExpectedStatus: 200, WithApiKey: false);
    }

    /// <summary>A success callback's body (REFERENCE.md §3.3's shape), paid <see cref="Amount"/> from <paramref name="phone"/> with <paramref name="receipt"/>.</summary>
    public static byte[] SuccessCallbackBody(string merchantRequestId, string checkoutRequestId, string phone, string receipt)
    {
        var date = DateTimeOffset.UtcNow.ToOffset(EastAfrica).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var body = string.Concat(
            $$"""{"Body":{"stkCallback":{"MerchantRequestID":"{{merchantRequestId}}","CheckoutRequestID":"{{checkoutRequestId}}",""",
            "\"ResultCode\":0,\"ResultDesc\":\"The service request is processed successfully.\",\"CallbackMetadata\":{\"Item\":[",
            $$"""{"Name":"Amount","Value":{{Amount}}.00},{"Name":"MpesaReceiptNumber","Value":"{{receipt}}"},{"Name":"Balance"},""",
            $$"""{"Name":"TransactionDate","Value":{{date}}},{"Name":"PhoneNumber","Value":{{phone}}}""",
            "]}}}}");
        return Encoding.UTF8.GetBytes(body);
    }
}
