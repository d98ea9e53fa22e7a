using System.Text.RegularExpressions;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed partial class FailureCatalogueTests
{
    /// <summary>Every non-success ResultCode of REFERENCE.md §3.5, with the client-facing code it must keep.</summary>
    public static TheoryData<string, string, bool> ReferenceResultCodes => new()
    {
        { "1", "insufficient_funds", true },
        { "2", "amount_below_minimum", false },
        { "3", "amount_above_maximum", false },
        { "4", "limit_exceeded", false },
        { "8", "merchant_limit_exceeded", false },
        { "17", "rule_limited", true },
        { "26", "system_busy", true },
        { "1001", "subscriber_busy", true },
        { "1019", "transaction_expired", true },
        { "1025", "prompt_failed", true },
        { "1031", "cancelled_by_customer", true },
        { "1032", "cancelled_by_customer", true },
        { "1036", "prompt_failed", true },
        { "1037", "customer_unreachable", true },
        { "1101", "prompt_rejected", false },
        { "2001", "wrong_pin", true },
        { "2028", "not_permitted", false },
        { "2118", "merchant_misconfigured", false },
        { "8006", "pin_locked", false },
        { "9999", "prompt_failed", true },
        { "SFC_IC0003", "not_permitted", false },
        { "E3008", "customer_not_eligible", false },
    };

    [Theory]
    [MemberData(nameof(ReferenceResultCodes))]
    public void ForResultCode_ReferenceCode_HasStableSnakeCaseCodeAndMessage(string resultCode, string expectedCode, bool retriable)
    {
        var failure = FailureCatalogue.ForResultCode(resultCode);

        Assert.Equal(expectedCode, failure.Code);
        Assert.Matches(SnakeCase(), failure.Code);
        Assert.Equal(resultCode, failure.ResultCode);
        Assert.Equal(retriable, failure.Retriable);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        Assert.EndsWith(".", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sfc_ic0003", "not_permitted")]
    [InlineData(" 1032 ", "cancelled_by_customer")]
    public void ForResultCode_CaseOrSpacing_StillFound(string resultCode, string expectedCode)
    {
        Assert.Equal(expectedCode, FailureCatalogue.ForResultCode(resultCode).Code);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("X999")]
    public void ForResultCode_UnknownCode_IsPaymentFailedAndKeepsDarajaCode(string resultCode)
    {
        var failure = FailureCatalogue.ForResultCode(resultCode);

        Assert.Equal("payment_failed", failure.Code);
        Assert.Equal(resultCode, failure.ResultCode);
        Assert.False(failure.Retriable);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }

    [Theory]
    [InlineData("500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber", "subscriber_busy", true)]
    [InlineData("500.001.1001", "Merchant does not exist", "merchant_misconfigured", false)]
    [InlineData("500.001.1001", "Wrong credentials", "merchant_misconfigured", false)]
    [InlineData("400.002.02", "Bad Request - Invalid PhoneNumber", "invalid_phone_number", false)]
    [InlineData("400.002.02", "Bad Request - Invalid PartyA", "invalid_phone_number", false)]
    [InlineData("400.002.02", "Bad Request - Invalid Amount", "invalid_amount", false)]
    [InlineData("400.002.02", "Bad Request - Invalid CallBackURL", "push_rejected", false)]
    [InlineData("500.003.02", "Error Occurred: Spike Arrest Violation", "system_busy", true)]
    [InlineData("500.003.03", "Quota Violation", "system_busy", true)]
    [InlineData("404.001.03", "Invalid Access Token", "mpesa_auth_failed", false)]
    [InlineData("401.002.01", "Error Occurred - Invalid Access Token", "mpesa_auth_failed", false)]
    [InlineData("400.003.01", "Invalid Access Token", "mpesa_auth_failed", false)]
    [InlineData("404.001.04", "Invalid Authentication Header", "mpesa_auth_failed", false)]
    [InlineData("400.002.05", "Invalid Request Payload", "push_rejected", false)]
    public void ForPushRejection_DarajaError_MapsOnCodeAndMessage(string errorCode, string errorMessage, string expectedCode, bool retriable)
    {
        var failure = FailureCatalogue.ForPushRejection(new PushRejection(errorCode, errorMessage));

        Assert.Equal(expectedCode, failure.Code);
        Assert.Equal(errorCode, failure.ResultCode);
        Assert.Equal(retriable, failure.Retriable);
        Assert.False(string.IsNullOrWhiteSpace(failure.Message));
    }

    [Theory]
    [InlineData(" 404.001.03 ", "mpesa_auth_failed")]
    [InlineData("500.003.02\n", "system_busy")]
    public void ForPushRejection_CodeWithSurroundingWhitespace_MapsAndKeepsTheTrimmedCode(string errorCode, string expectedCode)
    {
        var failure = FailureCatalogue.ForPushRejection(new PushRejection(errorCode, "Invalid Access Token"));

        Assert.Equal(expectedCode, failure.Code);
        Assert.Equal(errorCode.Trim(), failure.ResultCode);
    }

    [Fact]
    public void ForPushRejection_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => FailureCatalogue.ForPushRejection(null!));
    }

    [Fact]
    public void NoOutcome_IsRetriableWithoutDarajaCode()
    {
        var failure = FailureCatalogue.NoOutcome;

        Assert.Equal("no_outcome", failure.Code);
        Assert.Null(failure.ResultCode);
        Assert.True(failure.Retriable);
        Assert.EndsWith(".", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutcomeUnknown_IsNotRetriableAndTellsTheCustomerToCheckForAnMpesaMessage()
    {
        var failure = FailureCatalogue.OutcomeUnknown;

        Assert.Equal("outcome_unknown", failure.Code);
        Assert.Null(failure.ResultCode);
        Assert.False(failure.Retriable);
        Assert.Equal("M-Pesa's answer to the payment prompt was never received. Check for an M-Pesa message before paying again.", failure.Message);
    }

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
