using Shield.Infrastructure.Mpesa.Callbacks;

namespace Shield.UnitTests.Infrastructure.Mpesa.Callbacks;

/// <summary>Every reversal result shape of REFERENCE.md §11.3 and §11.6, verbatim where the reference gives one.</summary>
public sealed class ReversalResultReaderTests
{
    /// <summary>§11.3, official success sample, verbatim.</summary>
    private const string OfficialSuccess = """
        {
            "Result": {
                "ResultType": 0,
                "ResultCode": 0,
                "ResultDesc": "The service request is processed successfully.",
                "OriginatorConversationID": "dad6-4c34-8787-c8cb963a496d1268232",
                "ConversationID": "AG_20211114_201018edbbf9f1582eaa",
                "TransactionID": "SKE52PAWR9",
                "ResultParameters": {
                    "ResultParameter": [
                        {"Key": "DebitAccountBalance", "Value": "Utility Account|KES|7722179.62|7722179.62|0.00|0.00"},
                        {"Key": "Amount", "Value": 1.00},
                        {"Key": "TransCompletedTime", "Value": 20211114132711},
                        {"Key": "OriginalTransactionID", "Value": "SKC82PACB8"},
                        {"Key": "Charge", "Value": 0.00},
                        {"Key": "CreditPartyPublicName", "Value": "254705912645 - NICHOLAS JOHN SONGOK"},
                        {"Key": "DebitPartyPublicName", "Value": "600992 - Safaricom Daraja 992"}
                    ]
                },
                "ReferenceData": {
                    "ReferenceItem": {
                        "Key": "QueueTimeoutURL",
                        "Value": "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit"
                    }
                }
            }
        }
        """;

    /// <summary>§11.3, official failure sample, verbatim.</summary>
    private const string OfficialFailure = """
        {
            "Result": {
                "ResultType": 0,
                "ResultCode": "R000002",
                "ResultDesc": "The OriginalTransactionID is invalid.",
                "OriginatorConversationID": "3124-481d-b706-10bdd6fbc8e21792398",
                "ConversationID": "AG_20211114_2010573069aefb6b625a",
                "TransactionID": "SKE0000000",
                "ReferenceData": {
                    "ReferenceItem": {
                        "Key": "QueueTimeoutURL",
                        "Value": "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit"
                    }
                }
            }
        }
        """;

    /// <summary>§11.3, live sandbox capture (newtonmunene99/mpesa-api, 2026-10-06), verbatim.</summary>
    private const string LiveCapture = """
        {
          "Result": {
            "ResultType": 0,
            "ResultCode": "R000002",
            "ResultDesc": "The OriginalTransactionID is invalid.",
            "OriginatorConversationID": "<redacted-id>",
            "ConversationID": "AG_REDACTED",
            "TransactionID": "XXXXXXXXXX",
            "ReferenceData": {
              "ReferenceItem": {
                "Key": "QueueTimeoutURL",
                "Value": "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit"
              }
            }
          }
        }
        """;

    /// <summary>§11.3, the older string-valued sample (2018), with the Python SDK's trailing commas removed to make it JSON.</summary>
    private const string OlderStringValued = """
        {
            "Result": {
                "ResultType": 0,
                "ResultCode": "21",
                "ResultDesc": "The service request is processed successfully",
                "OriginatorConversationID": "8521-4298025-1",
                "ConversationID": "AG_20181005_00004d7ee675c0c7ee0b",
                "TransactionID": "MJ561H6X5O",
                "ResultParameters": {
                    "ResultParameter": [
                        {
                            "Key": "DebitAccountBalance",
                            "Value": "Utility Account|KES|51661.00|51661.00|0.00|0.00"
                        },
                        {"Key": "Amount", "Value": "100"},
                        {"Key": "TransCompletedTime", "Value": "20181005153225"},
                        {"Key": "OriginalTransactionID", "Value": "MJ551H6X5D"},
                        {"Key": "Charge", "Value": "0"},
                        {
                            "Key": "CreditPartyPublicName",
                            "Value": "254708374149 - John Doe"
                        },
                        {
                            "Key": "DebitPartyPublicName",
                            "Value": "601315 - Safaricom1338"
                        }
                    ]
                },
                "ReferenceData": {
                    "ReferenceItem": {
                        "Key": "QueueTimeoutURL",
                        "Value": "https://internalsandbox.safaricom.co.ke/mpesa/reversalresults/v1/submit"
                    }
                }
            }
        }
        """;

    /// <summary>§11.6, the Transaction Status "not found" capture, verbatim.</summary>
    private const string StatusNotFound = """
        {
          "Result": {
            "ResultType": 0,
            "ResultCode": 2032,
            "ResultDesc": "The transaction receipt number does not exist.",
            "OriginatorConversationID": "<redacted-id>",
            "ConversationID": "AG_REDACTED",
            "TransactionID": "XXXXXXXXXX",
            "ReferenceData": {
              "ReferenceItem": {
                "Key": "Occasion"
              }
            }
          }
        }
        """;

    /// <summary>A success-shaped Transaction Status result about a reversal (§5.3's STK template; the real one is unconfirmed, §11.6).</summary>
    private const string StatusFound = """{"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"9f6c92024b39880271","ConversationID":"AG_20240702_20303738b089a9fb5233","TransactionID":"SG20000000","ResultParameters":{"ResultParameter":[{"Key":"DebitPartyName","Value":"600992 - Shield"},{"Key":"InitiatedTime","Value":20240629184302},{"Key":"CreditPartyCharges"},{"Key":"ReasonType","Value":"Reversal"},{"Key":"TransactionStatus","Value":"Completed"},{"Key":"FinalisedTime","Value":20240629184302},{"Key":"Amount","Value":1},{"Key":"ReceiptNo","Value":"SKE52PAWR9"}]},"ReferenceData":{"ReferenceItem":[{"Key":"QueueTimeoutURL","Value":"http://internalapi.safaricom.co.ke/mpesa/b2bresults/v1/submit"},{"Key":"Occassion"}]}}}""";

    private readonly ReversalResultReader _reader = new();

    [Fact]
    public void TryReadResult_OfficialSuccess_ReadsBothReceiptsAmountAndTime()
    {
        Assert.True(_reader.TryReadResult(OfficialSuccess, out var result));

        Assert.Equal("0", result.ResultCode);
        Assert.Equal("The service request is processed successfully.", result.ResultDescription);
        Assert.Equal("AG_20211114_201018edbbf9f1582eaa", result.ConversationId);
        Assert.Equal("dad6-4c34-8787-c8cb963a496d1268232", result.OriginatorConversationId);
        Assert.Equal("SKE52PAWR9", result.TransactionId);
        Assert.Equal("SKC82PACB8", result.OriginalTransactionId);
        Assert.Equal(1.00m, result.Amount);
        Assert.Equal(new DateTimeOffset(2021, 11, 14, 10, 27, 11, TimeSpan.Zero), result.CompletedAt);
    }

    [Fact]
    public void TryReadResult_OfficialFailure_KeepsTheStringCodeAndThePlaceholderReceipt()
    {
        Assert.True(_reader.TryReadResult(OfficialFailure, out var result));

        Assert.Equal("R000002", result.ResultCode);
        Assert.Equal("The OriginalTransactionID is invalid.", result.ResultDescription);
        Assert.Equal("AG_20211114_2010573069aefb6b625a", result.ConversationId);
        Assert.Equal("3124-481d-b706-10bdd6fbc8e21792398", result.OriginatorConversationId);
        Assert.Equal("SKE0000000", result.TransactionId);
        Assert.Null(result.Amount);
        Assert.Null(result.OriginalTransactionId);
        Assert.Null(result.CompletedAt);
    }

    [Fact]
    public void TryReadResult_LiveCapture_IsAFailureWithNoParameters()
    {
        Assert.True(_reader.TryReadResult(LiveCapture, out var result));

        Assert.Equal("R000002", result.ResultCode);
        Assert.Equal("AG_REDACTED", result.ConversationId);
        Assert.Equal("<redacted-id>", result.OriginatorConversationId);
        Assert.Equal("XXXXXXXXXX", result.TransactionId);
        Assert.Null(result.OriginalTransactionId);
    }

    [Fact]
    public void TryReadResult_OlderStringValuedSample_ReadsStringsAsNumbersAndTimes()
    {
        Assert.True(_reader.TryReadResult(OlderStringValued, out var result));

        Assert.Equal("21", result.ResultCode);
        Assert.Equal("MJ561H6X5O", result.TransactionId);
        Assert.Equal("MJ551H6X5D", result.OriginalTransactionId);
        Assert.Equal(100m, result.Amount);
        Assert.Equal(new DateTimeOffset(2018, 10, 5, 12, 32, 25, TimeSpan.Zero), result.CompletedAt);
    }

    [Fact]
    public void TryReadResult_ResultParameterAsSingleObject_IsRead()
    {
        const string body = """
            {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"ok","OriginatorConversationID":"o-1","ConversationID":"AG_1","TransactionID":"SKE52PAWR9",
             "ResultParameters":{"ResultParameter":{"Key":"OriginalTransactionID","Value":"SKC82PACB8"}}}}
            """;

        Assert.True(_reader.TryReadResult(body, out var result));

        Assert.Equal("SKC82PACB8", result.OriginalTransactionId);
        Assert.Null(result.Amount);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("\"0\"", "0")]
    [InlineData("\"R000001\"", "R000001")]
    [InlineData("2001", "2001")]
    [InlineData("\" R000002 \"", "R000002")]
    public void TryReadResult_ResultCodeNumberOrString_IsText(string json, string expected)
    {
        Assert.True(_reader.TryReadResult($$$$"""{"Result":{"ResultType":"0","ResultCode":{{{{json}}}},"ResultDesc":"x"}}""", out var result));

        Assert.Equal(expected, result.ResultCode);
    }

    [Theory]
    [InlineData("\"1.00\"", 1.00)]
    [InlineData("1.00", 1.00)]
    [InlineData("\"100\"", 100)]
    [InlineData("250", 250)]
    public void TryReadResult_AmountStringOrNumber_IsRead(string json, double expected)
    {
        var body = $$$$"""{"Result":{"ResultCode":0,"ResultParameters":{"ResultParameter":[{"Key":"Amount","Value":{{{{json}}}}}]}}}""";

        Assert.True(_reader.TryReadResult(body, out var result));

        Assert.Equal((decimal)expected, result.Amount);
    }

    [Theory]
    [InlineData("""{"Key":"Amount"}""")]
    [InlineData("""{"Key":"Amount","Value":null}""")]
    [InlineData("""{"Key":"Amount","Value":"lots"}""")]
    [InlineData("""{"Key":"Amount","Value":{"a":1}}""")]
    public void TryReadResult_AmountAbsentOrUnreadable_IsNull(string item)
    {
        var body = $$$$"""{"Result":{"ResultCode":0,"ResultParameters":{"ResultParameter":[{{{{item}}}},{"Key":"OriginalTransactionID","Value":"SKC82PACB8"}]}}}""";

        Assert.True(_reader.TryReadResult(body, out var result));

        Assert.Null(result.Amount);
        Assert.Equal("SKC82PACB8", result.OriginalTransactionId);
    }

    [Theory]
    [InlineData("20211114132711")]
    [InlineData("\"20211114132711\"")]
    public void TryReadResult_TransCompletedTimeNumberOrString_IsEastAfricaTime(string json)
    {
        var body = $$$$"""{"Result":{"ResultCode":0,"ResultParameters":{"ResultParameter":[{"Key":"TransCompletedTime","Value":{{{{json}}}}}]}}}""";

        Assert.True(_reader.TryReadResult(body, out var result));

        Assert.Equal(new DateTimeOffset(2021, 11, 14, 13, 27, 11, TimeSpan.FromHours(3)), result.CompletedAt);
    }

    [Fact]
    public void TryReadResult_ReferenceItemAsArray_IsIgnored()
    {
        const string body = """{"Result":{"ResultCode":"R000001","ResultDesc":"The transaction has already been reversed","ReferenceData":{"ReferenceItem":[{"Key":"QueueTimeoutURL","Value":"x"},{"Key":"Occassion"}]}}}""";

        Assert.True(_reader.TryReadResult(body, out var result));

        Assert.Equal("R000001", result.ResultCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json")]
    [InlineData("<html><body>502</body></html>")]
    [InlineData("[]")]
    [InlineData("\"Result\"")]
    [InlineData("{}")]
    [InlineData("""{"Result":null}""")]
    [InlineData("""{"Result":[]}""")]
    [InlineData("""{"Result":{"ResultDesc":"no code"}}""")]
    [InlineData("""{"Result":{"ResultCode":""}}""")]
    [InlineData("""{"Result":{"ResultCode":true}}""")]
    [InlineData("""{"Result":{"ResultCode":0""")]
    [InlineData("""{"ResultCode":0,"ResultDesc":"top level, no Result"}""")]
    public void TryReadResult_MalformedOrEmpty_IsFalse(string body)
    {
        Assert.False(_reader.TryReadResult(body, out var result));
        Assert.Null(result);
    }

    [Fact]
    public void TryReadResult_TooDeep_IsFalse()
    {
        var body = """{"Result":{"ResultCode":0,"X":""" + string.Concat(Enumerable.Repeat("[", 40)) + string.Concat(Enumerable.Repeat("]", 40)) + "}}";

        Assert.False(_reader.TryReadResult(body, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"Result":"timeout"}""")]
    [InlineData("""{"Result":{"ResultType":1,"ResultCode":"1","ResultDesc":"The service request timed out."}}""")]
    [InlineData("""{"Result":{"ConversationID":""" )]
    public void ReadTimeoutNotice_WithoutIds_IsNullsAndNeverThrows(string body)
    {
        Assert.Equal((null, null), _reader.ReadTimeoutNotice(body));
    }

    [Fact]
    public void ReadTimeoutNotice_ResultShaped_ReadsTheIds()
    {
        const string body = """{"Result":{"ResultType":1,"ResultCode":"1","ResultDesc":"The service request timed out.","OriginatorConversationID":"8521-4298025-1","ConversationID":"AG_20181005_00004d7ee675c0c7ee0b"}}""";

        Assert.Equal(("AG_20181005_00004d7ee675c0c7ee0b", "8521-4298025-1"), _reader.ReadTimeoutNotice(body));
    }

    [Fact]
    public void ReadTimeoutNotice_TopLevelIds_AreRead()
    {
        const string body = """{"OriginatorConversationID":"29464-48063588-1","ConversationID":"AG_20230206_201056794190723278ff","ResponseDescription":"timeout"}""";

        Assert.Equal(("AG_20230206_201056794190723278ff", "29464-48063588-1"), _reader.ReadTimeoutNotice(body));
    }

    [Fact]
    public void ReadTimeoutNotice_OnlyOneIdInsideResult_TakesTheOtherFromTheTop()
    {
        const string body = """{"ConversationID":"AG_top","Result":{"OriginatorConversationID":"o-inner"}}""";

        Assert.Equal(("AG_top", "o-inner"), _reader.ReadTimeoutNotice(body));
    }

    [Fact]
    public void TryReadStatus_NotFoundCapture_Is2032WithoutReceipt()
    {
        Assert.True(_reader.TryReadStatus(StatusNotFound, timedOut: false, out var report));

        Assert.Equal("2032", report.ResultCode);
        Assert.Equal("The transaction receipt number does not exist.", report.ResultDescription);
        Assert.Equal("AG_REDACTED", report.ConversationId);
        Assert.Equal("<redacted-id>", report.OriginatorConversationId);
        Assert.Null(report.ReceiptNumber);
        Assert.Null(report.TransactionStatus);
        Assert.False(report.TimedOut);
    }

    [Fact]
    public void TryReadStatus_SuccessShaped_ReadsReceiptStatusAmountAndTime()
    {
        Assert.True(_reader.TryReadStatus(StatusFound, timedOut: false, out var report));

        Assert.Equal("0", report.ResultCode);
        Assert.Equal("SKE52PAWR9", report.ReceiptNumber);
        Assert.Equal("Completed", report.TransactionStatus);
        Assert.Equal(1m, report.Amount);
        Assert.Equal(new DateTimeOffset(2024, 6, 29, 15, 43, 2, TimeSpan.Zero), report.CompletedAt);
        Assert.False(report.TimedOut);
    }

    [Fact]
    public void TryReadStatus_CompletedTimeWithoutFinalisedTime_IsTheCompletedTime()
    {
        const string body = """{"Result":{"ResultCode":"0","ResultParameters":{"ResultParameter":{"Key":"CompletedTime","Value":"20240629184302"}}}}""";

        Assert.True(_reader.TryReadStatus(body, timedOut: false, out var report));

        Assert.Equal(new DateTimeOffset(2024, 6, 29, 15, 43, 2, TimeSpan.Zero), report.CompletedAt);
    }

    [Theory]
    [InlineData(true, "0", true)]
    [InlineData(false, "1", true)]
    [InlineData(false, "\"1\"", true)]
    [InlineData(false, "0", false)]
    public void TryReadStatus_TimedOutFlagOrResultType1_IsTimedOut(bool timedOut, string resultType, bool expected)
    {
        var body = $$$$"""{"Result":{"ResultType":{{{{resultType}}}},"ResultCode":1,"ResultDesc":"The service request timed out."}}""";

        Assert.True(_reader.TryReadStatus(body, timedOut, out var report));

        Assert.Equal(expected, report.TimedOut);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html/>")]
    [InlineData("{}")]
    [InlineData("""{"Result":{}}""")]
    public void TryReadStatus_Malformed_IsFalse(string body)
    {
        Assert.False(_reader.TryReadStatus(body, timedOut: true, out _));
    }
}
