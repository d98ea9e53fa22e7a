using Shield.Infrastructure.Mpesa.Callbacks;

namespace Shield.UnitTests.Infrastructure.Mpesa.Callbacks;

/// <summary>Every Transaction Status result shape of REFERENCE.md §5.3, verbatim where the reference gives one.</summary>
public sealed class TransactionStatusShapesTests
{
    private const string OfficialSample = """
        {
            "Result": {
                "ConversationID": "AG_20180223_0000493344ae97d86f75",
                "OriginatorConversationID": "3213-416199-2",
                "ReferenceData": { "ReferenceItem": { "Key": "Occasion" } },
                "ResultCode": 0,
                "ResultDesc": "The service request is processed successfully.",
                "ResultParameters": {
                    "ResultParameter": [
                        { "Key": "DebitPartyName", "Value": "600310 - Safaricom333" },
                        { "Key": "DebitPartyName", "Value": "254708374149 - John Doe" },
                        { "Key": "OriginatorConversationID", "Value": "3211-416020-3" },
                        { "Key": "InitiatedTime", "Value": "20180223054112" },
                        { "Key": "DebitAccountType", "Value": "Utility Account" },
                        { "Key": "DebitPartyCharges", "Value": "Fee For B2C Payment|KES|22.40" },
                        { "Key": "TransactionReason" },
                        { "Key": "ReasonType", "Value": "Business Payment to Customer via API" },
                        { "Key": "TransactionStatus", "Value": "Completed" },
                        { "Key": "FinalisedTime", "Value": "20180223054112" },
                        { "Key": "Amount", "Value": "300" },
                        { "Key": "ConversationID", "Value": "AG_20180223_000041b09c22e613d6c9" },
                        { "Key": "ReceiptNo", "Value": "MBN31H462N" }
                    ]
                },
                "ResultType": 0,
                "TransactionID": "MBN0000000"
            }
        }
        """;

    private const string PayBillTemplate = """{"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"9f6c92024b39880271","ConversationID":"AG_20240702_20303738b089a9fb5233","TransactionID":"SG20000000","ResultParameters":{"ResultParameter":[{"Key":"DebitPartyName","Value":"<name>"},{"Key":"CreditPartyName","Value":"490742 - FINGO  AFRICA BY ECOBANK"},{"Key":"OriginatorConversationID","Value":"<id>"},{"Key":"InitiatedTime","Value":20240629184302},{"Key":"CreditPartyCharges"},{"Key":"DebitAccountType","Value":"MMF Account For Customer"},{"Key":"TransactionReason"},{"Key":"ReasonType","Value":"Pay Bill Online"},{"Key":"TransactionStatus","Value":"Completed"},{"Key":"FinalisedTime","Value":20240629184302},{"Key":"Amount","Value":1},{"Key":"ConversationID","Value":"AG_20240629_2040165691b903e92930"},{"Key":"ReceiptNo","Value":"<receipt>"}]},"ReferenceData":{"ReferenceItem":{"Key":"Occasion","Value":"OK"}}}}""";

    private readonly TransactionStatusResultReader _reader = new();

    [Fact]
    public void TryRead_OfficialSample_ReadsValuesByKeyFromStrings()
    {
        Assert.True(_reader.TryRead(OfficialSample, timedOut: false, out var report));

        Assert.Equal("0", report.ResultCode);
        Assert.Equal("AG_20180223_0000493344ae97d86f75", report.ConversationId);
        Assert.Equal("3213-416199-2", report.OriginatorConversationId);
        Assert.Equal("MBN31H462N", report.ReceiptNumber);
        Assert.Equal(300m, report.Amount);
        Assert.Equal("Completed", report.TransactionStatus);
        Assert.Equal(new DateTimeOffset(2018, 2, 23, 2, 41, 12, TimeSpan.Zero), report.CompletedAt);
        Assert.False(report.TimedOut);
    }

    [Fact]
    public void TryRead_PayBillTemplate_ReadsNumbersAndValuelessItems()
    {
        Assert.True(_reader.TryRead(PayBillTemplate, timedOut: false, out var report));

        Assert.Equal(1m, report.Amount);
        Assert.Equal("<receipt>", report.ReceiptNumber);
        Assert.Equal(new DateTimeOffset(2024, 6, 29, 15, 43, 2, TimeSpan.Zero), report.CompletedAt);
    }

    [Fact]
    public void TryRead_StringCodesAndReferenceItemArrayAndSingleParameterObject_AreRead()
    {
        const string body = """{"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"ok","ConversationID":"AG_1","OriginatorConversationID":"o-1","ResultParameters":{"ResultParameter":{"Key":"ReceiptNo","Value":"QKH94M1Z11"}},"ReferenceData":{"ReferenceItem":[{"Key":"QueueTimeoutURL","Value":"http:\/\/internalapi.safaricom.co.ke\/mpesa\/b2bresults\/v1\/submit"},{"Key":"Occassion"}]}}}""";

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.Equal("0", report.ResultCode);
        Assert.Equal("QKH94M1Z11", report.ReceiptNumber);
        Assert.Null(report.Amount);
    }

    [Fact]
    public void TryRead_FailureWithoutParameters_KeepsTheCode()
    {
        const string body = """{"Result":{"ResultType":0,"ResultCode":2001,"ResultDesc":"The initiator information is invalid.","OriginatorConversationID":"o","ConversationID":"c","TransactionID":"x"}}""";

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.Equal("2001", report.ResultCode);
        Assert.Null(report.ReceiptNumber);
    }

    [Theory]
    [InlineData("""{"Result":{"ResultType":1,"ResultCode":1,"ResultDesc":"The service request timed out.","ConversationID":"c"}}""", false)]
    [InlineData("""{"Result":{"ResultType":0,"ResultCode":0,"ConversationID":"c"}}""", true)]
    public void TryRead_QueueTimeout_IsTimedOut(string body, bool fromTimeoutUrl)
    {
        Assert.True(_reader.TryRead(body, fromTimeoutUrl, out var report));

        Assert.True(report.TimedOut);
    }

    [Fact]
    public void TryRead_OfficialSampleWithStringCodesAndReferenceItemArray_ReadsTheSameValues()
    {
        var body = OfficialSample
            .Replace("\"ResultCode\": 0", "\"ResultCode\": \"0\"", StringComparison.Ordinal)
            .Replace("\"ResultType\": 0", "\"ResultType\": \"0\"", StringComparison.Ordinal)
            .Replace("""{ "ReferenceItem": { "Key": "Occasion" } }""",
                """{"ReferenceItem":[{"Key":"QueueTimeoutURL","Value":"http:\/\/internalapi.safaricom.co.ke\/mpesa\/b2bresults\/v1\/submit"},{"Key":"Occassion"}]}""",
                StringComparison.Ordinal);
        Assert.Contains("\"ResultCode\": \"0\"", body, StringComparison.Ordinal);
        Assert.Contains("Occassion", body, StringComparison.Ordinal);

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.Equal("0", report.ResultCode);
        Assert.Equal("MBN31H462N", report.ReceiptNumber);
        Assert.Equal(300m, report.Amount);
        Assert.False(report.TimedOut);
    }

    [Fact]
    public void TryRead_ParametersInAnotherOrder_AreReadByKey()
    {
        const string body = """{"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"ok","ConversationID":"AG_1","OriginatorConversationID":"o-1","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"QKH94M1Z11"},{"Key":"Amount","Value":"150.00"},{"Key":"FinalisedTime","Value":"20240629184302"},{"Key":"TransactionStatus","Value":"Completed"},{"Key":"DebitPartyName","Value":"254708374149 - John Doe"}]}}}""";

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.Equal("QKH94M1Z11", report.ReceiptNumber);
        Assert.Equal(150m, report.Amount);
        Assert.Equal("Completed", report.TransactionStatus);
        Assert.Equal(new DateTimeOffset(2024, 6, 29, 15, 43, 2, TimeSpan.Zero), report.CompletedAt);
    }

    [Fact]
    public void TryRead_ValuelessOrUnreadableParameters_AreAbsentNotFatal()
    {
        const string body = """{"Result":{"ResultType":0,"ResultCode":0,"ConversationID":"AG_1","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo"},{"Key":"Amount","Value":"three hundred"},{"Key":"FinalisedTime","Value":"not a time"},{"Key":"TransactionStatus","Value":null}]}}}""";

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.Null(report.ReceiptNumber);
        Assert.Null(report.Amount);
        Assert.Null(report.CompletedAt);
        Assert.Null(report.TransactionStatus);
        Assert.Equal("AG_1", report.ConversationId);
    }

    [Fact]
    public void TryRead_ResultTypeOneAsString_IsTimedOut()
    {
        const string body = """{"Result":{"ResultType":"1","ResultCode":"1","ResultDesc":"The service request timed out.","ConversationID":"c"}}""";

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.True(report.TimedOut);
    }

    [Fact]
    public void TryRead_OperatorDoesNotExist_KeepsTheNonNumericCode()
    {
        const string body = """{"Result":{"ResultType":0,"ResultCode":"SFC_IC0003","ResultDesc":"Operator does not exist.","ConversationID":"c","OriginatorConversationID":"o"}}""";

        Assert.True(_reader.TryRead(body, timedOut: false, out var report));

        Assert.Equal("SFC_IC0003", report.ResultCode);
        Assert.Equal("Operator does not exist.", report.ResultDescription);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"Body":{}}""")]
    [InlineData("""{"Result":{"ResultDesc":"no code"}}""")]
    [InlineData("""{"Result":[]}""")]
    [InlineData("""{"Result":{"ResultCode":null}}""")]
    [InlineData("""{"Result":{"ResultCode":{"value":0}}}""")]
    [InlineData("")]
    public void TryRead_Malformed_IsFalse(string body)
    {
        Assert.False(_reader.TryRead(body, timedOut: false, out _));
    }
}
