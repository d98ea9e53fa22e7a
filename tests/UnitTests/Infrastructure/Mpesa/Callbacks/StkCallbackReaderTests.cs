using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa.Callbacks;

namespace Shield.UnitTests.Infrastructure.Mpesa.Callbacks;

/// <summary>Payloads are REFERENCE.md §3.2-3.4 verbatim; variations are derived from them.</summary>
public sealed class StkCallbackReaderTests
{
    // §3.2, official success sample: Amount 1.00, no Balance item.
    private const string OfficialSuccess = """
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "29115-34620561-1",
                    "CheckoutRequestID": "ws_CO_191220191020363925",
                    "ResultCode": 0,
                    "ResultDesc": "The service request is processed successfully.",
                    "CallbackMetadata": {
                        "Item": [
                            { "Name": "Amount", "Value": 1.00 },
                            { "Name": "MpesaReceiptNumber", "Value": "NLJ7RT61SV" },
                            { "Name": "TransactionDate", "Value": 20191219102115 },
                            { "Name": "PhoneNumber", "Value": 254708374149 }
                        ]
                    }
                }
            }
        }
        """;

    // §3.3, captured from production 2022: value-less Balance item.
    private const string CapturedSuccess2022 = """{"Body":{"stkCallback":{"MerchantRequestID":"11225-96181251-1","CheckoutRequestID":"ws_CO_17112022155730304796440427","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"QKH94M1Z11"},{"Name":"Balance"},{"Name":"TransactionDate","Value":20221117155745},{"Name":"PhoneNumber","Value":254796440427}]}}}}""";

    // §3.3, 2019 sample.
    private const string CapturedSuccess2019 = """{"Body":{"stkCallback":{"MerchantRequestID":"19918-3028728-2","CheckoutRequestID":"ws_CO_DMZ_264695293_11032019122104433","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"NCB9FJNAIT"},{"Name":"Balance"},{"Name":"TransactionDate","Value":20190311122121},{"Name":"PhoneNumber","Value":254719748260}]}}}}""";

    // §3.4, official failure sample.
    private const string OfficialCancelled = """
        {
            "Body": {
                "stkCallback": {
                    "MerchantRequestID": "f1e2-4b95-a71d-b30d3cdbb7a7942864",
                    "CheckoutRequestID": "ws_CO_21072024125243250722943992",
                    "ResultCode": 1032,
                    "ResultDesc": "Request cancelled by user"
                }
            }
        }
        """;

    // §3.4 observed variants (the 1037 one's ids are elided in the reference; filled in with a realistic id).
    private const string ObservedNoResponse = """{"Body":{"stkCallback":{"MerchantRequestID":"2654-4b64-97ff-b827b542881d3130","CheckoutRequestID":"ws_CO_180920261803512708374149","ResultCode":1037,"ResultDesc":"No response from user."}}}""";

    private const string ObservedExpired = """{"Body":{"stkCallback":{"MerchantRequestID":"53785-65856915-1","CheckoutRequestID":"ws_CO_23052022122137653708374149","ResultCode":1019,"ResultDesc":"Transaction has expired"}}}""";

    private readonly StkCallbackReader _reader = new();

    private StkResult Read(string body)
    {
        Assert.True(_reader.TryRead(body, out var result), "The callback should be readable.");
        return result;
    }

    [Fact]
    public void TryRead_OfficialSuccess_GivesReceipt()
    {
        var result = Read(OfficialSuccess);

        Assert.Equal("ws_CO_191220191020363925", result.CheckoutRequestId);
        Assert.Equal("0", result.ResultCode);
        Assert.Equal("The service request is processed successfully.", result.ResultDescription);
        var receipt = Assert.IsType<Receipt>(result.Receipt);
        Assert.Equal("NLJ7RT61SV", receipt.Number);
        Assert.Equal(1m, receipt.Amount);
        Assert.Equal(new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), receipt.PaidAt);
        Assert.Equal("254708374149", receipt.PhoneNumber);
    }

    [Fact]
    public void TryRead_CapturedSuccessWithValuelessBalance2022_GivesReceipt()
    {
        var result = Read(CapturedSuccess2022);

        Assert.Equal("ws_CO_17112022155730304796440427", result.CheckoutRequestId);
        Assert.Equal("0", result.ResultCode);
        Assert.Equal(new Receipt("QKH94M1Z11", 1m, new DateTimeOffset(2022, 11, 17, 12, 57, 45, TimeSpan.Zero), "254796440427"), result.Receipt);
    }

    [Fact]
    public void TryRead_CapturedSuccessWithValuelessBalance2019_GivesReceipt()
    {
        var result = Read(CapturedSuccess2019);

        Assert.Equal("ws_CO_DMZ_264695293_11032019122104433", result.CheckoutRequestId);
        Assert.Equal(new Receipt("NCB9FJNAIT", 1m, new DateTimeOffset(2019, 3, 11, 9, 21, 21, TimeSpan.Zero), "254719748260"), result.Receipt);
    }

    [Theory]
    [InlineData(OfficialCancelled, "ws_CO_21072024125243250722943992", "1032", "Request cancelled by user")]
    [InlineData(ObservedNoResponse, "ws_CO_180920261803512708374149", "1037", "No response from user.")]
    [InlineData(ObservedExpired, "ws_CO_23052022122137653708374149", "1019", "Transaction has expired")]
    public void TryRead_FailureWithoutMetadata_GivesCodeAsStringAndNoReceipt(string body, string checkoutRequestId, string resultCode, string description)
    {
        var result = Read(body);

        Assert.Equal(new StkResult(checkoutRequestId, resultCode, description, null), result);
    }

    [Fact]
    public void TryRead_ItemsInAnotherOrder_ReadByName()
    {
        const string body = """{"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925","ResultCode":0,"ResultDesc":"ok","CallbackMetadata":{"Item":[{"Name":"PhoneNumber","Value":254708374149},{"Name":"Balance"},{"Name":"TransactionDate","Value":20191219102115},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Amount","Value":1.00}]}}}}""";

        Assert.Equal(new Receipt("NLJ7RT61SV", 1m, new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), "254708374149"), Read(body).Receipt);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.00")]
    [InlineData("\"1.00\"")]
    [InlineData("\"1\"")]
    public void TryRead_AmountAsIntegerDecimalOrString_IsOne(string amount)
    {
        var body = OfficialSuccess.Replace("\"Value\": 1.00", $"\"Value\": {amount}", StringComparison.Ordinal);

        Assert.Equal(1m, Read(body).Receipt?.Amount);
    }

    [Fact]
    public void TryRead_ResultCodeAsString_IsRead()
    {
        var body = OfficialCancelled.Replace("\"ResultCode\": 1032", "\"ResultCode\": \"1032\"", StringComparison.Ordinal);

        Assert.Equal("1032", Read(body).ResultCode);
    }

    [Fact]
    public void TryRead_NonNumericResultCode_IsRead()
    {
        var body = OfficialCancelled.Replace("\"ResultCode\": 1032", "\"ResultCode\": \"SFC_IC0003\"", StringComparison.Ordinal);

        Assert.Equal("SFC_IC0003", Read(body).ResultCode);
    }

    [Fact]
    public void TryRead_SuccessWithoutPhoneOrDate_StillGivesReceipt()
    {
        const string body = """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":[{"Name":"Amount","Value":1},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"}]}}}}""";

        var receipt = Read(body).Receipt;

        Assert.Equal("NLJ7RT61SV", receipt?.Number);
        Assert.Null(receipt?.PhoneNumber);
        Assert.Null(receipt?.PaidAt);
    }

    public static TheoryData<string> MalformedBodies => new()
    {
        "",
        "not json",
        "<html><body>502 Bad Gateway</body></html>",
        "{",
        "null",
        "[]",
        "{}",
        """{"Body":{}}""",
        """{"body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":1032}}}""",
        """{"Body":{"StkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":1032}}}""",
        """{"Body":[{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":1032}}]}""",
        """{"Body":{"stkCallback":[{"CheckoutRequestID":"ws_CO_1","ResultCode":1032}]}}""",
        """{"Body":{"stkCallback":{"ResultCode":1032,"ResultDesc":"Request cancelled by user"}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"","ResultCode":1032}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1"}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":null}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":"123456789012345678901234567890123"}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":{"id":"ws_CO_1"},"ResultCode":1032}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"ResultDesc":"ok"}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":[{"Name":"Amount","Value":1}]}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":{"Name":"Amount","Value":1}}}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":[{"Name":"Amount","Value":1},{"Name":"TransactionDate","Value":20191219102115}]}}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":[{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"PhoneNumber","Value":254708374149}]}}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":[{"Name":"Amount","Value":0},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"}]}}}}""",
        """{"Body":{"stkCallback":{"CheckoutRequestID":"ws_CO_1","ResultCode":0,"CallbackMetadata":{"Item":[{"Name":"Amount","Value":"one"},{"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"}]}}}}""",
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void TryRead_Malformed_IsRefused(string body)
    {
        Assert.False(_reader.TryRead(body, out var result));
        Assert.Null(result);
    }

    [Fact]
    public void TryRead_OverlongCheckoutRequestId_IsRefused()
    {
        var body = OfficialCancelled.Replace("ws_CO_21072024125243250722943992", "ws_CO_" + new string('9', 80), StringComparison.Ordinal);

        Assert.False(_reader.TryRead(body, out _));
    }

    [Fact]
    public void TryRead_DeeplyNestedJunk_IsRefusedWithoutThrowing()
    {
        var body = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);

        Assert.False(_reader.TryRead(body, out _));
    }
}
