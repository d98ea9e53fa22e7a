using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.TestSupport;

/// <summary>Payments in the states tests start from, built only through the aggregate's own methods.</summary>
internal static class TestPayments
{
    public const string Client = "client-a";
    public const string Phone = "254708374149";
    public const string MerchantRequestId = "29115-34620561-1";
    public const string CheckoutRequestId = "ws_CO_191220191020363925";
    public const string ReceiptNumber = "NLJ7RT61SV";

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public static Payment New(int amount = 1, string phone = "0708374149", PaymentId? id = null, string client = Client) =>
        Payment.Initiate(id ?? PaymentId.New(), new ClientId(client), "key-1", Msisdn.Parse(phone), new Amount(amount),
            AccountReference.Parse("INV-001"), Description.Parse("Shield plan"), Now);

    /// <summary>Daraja accepted attempt #1: the customer has the prompt.</summary>
    public static Payment AwaitingCustomer(int amount = 1, PaymentId? id = null, string checkoutRequestId = CheckoutRequestId, string client = Client,
        string phone = "0708374149")
    {
        var payment = New(amount, phone, id, client);
        var accepted = payment.RecordPushAccepted(1, MerchantRequestId, checkoutRequestId, Now.AddSeconds(1));
        Assert.True(accepted.IsSuccess);
        payment.ClearDomainEvents();
        return payment;
    }

    public static StkResult Success(decimal amount = 1, string? phone = Phone, string receipt = ReceiptNumber, string checkoutRequestId = CheckoutRequestId) =>
        new(checkoutRequestId, "0", "The service request is processed successfully.",
            new Receipt(receipt, amount, new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), phone));

    public static StkResult Failure(string resultCode, string description = "Request cancelled by user", string checkoutRequestId = CheckoutRequestId) =>
        new(checkoutRequestId, resultCode, description, null);
}
