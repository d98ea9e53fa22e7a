using Shield.Domain.Refunds;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>Every reversal result code of REFERENCE.md §11.4, with what it means to a client and to an operator.</summary>
public sealed class ReversalCatalogueTests
{
    private static readonly string[] Listed = ["0", "R000001", "R000002", "11", "21", "2001", "2006", "2028", "8006", "1"];

    [Fact]
    public void Codes_AreExactlyTheResultCodesOfTheReference()
    {
        Assert.Equal(Listed.Order(StringComparer.Ordinal), ReversalCatalogue.Codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Describe_EveryListedCode_HasItsOwnStableCodeAndMessage()
    {
        var entries = Listed.Select(ReversalCatalogue.Describe).ToList();

        Assert.Equal(Listed.Length, entries.Select(e => e.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Listed.Length, entries.Select(e => e.Message).Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e => Assert.Matches("^[a-z]+(_[a-z]+)*$", e.Code));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.DoesNotContain("reversal_failed", entries.Select(e => e.Code));
    }

    [Theory]
    [InlineData("0", "reversed")]
    [InlineData("R000001", "already_reversed")]
    [InlineData("R000002", "original_transaction_invalid")]
    [InlineData("11", "debit_party_inactive")]
    [InlineData("21", "initiator_not_permitted")]
    [InlineData("2001", "initiator_credentials_invalid")]
    [InlineData("2006", "declined_account_rule")]
    [InlineData("2028", "product_not_permitted")]
    [InlineData("8006", "security_credential_locked")]
    [InlineData("1", "insufficient_balance")]
    public void Describe_ListedCode_GivesItsDocumentedStableCode(string resultCode, string code)
    {
        Assert.Equal(code, ReversalCatalogue.Describe(resultCode).Code);
    }

    [Fact]
    public void Describe_Alert_IsSetExactlyForSetUpFaultsAndAShortBalance()
    {
        var alerting = Listed.Where(c => ReversalCatalogue.Describe(c).Alert).Order(StringComparer.Ordinal);

        Assert.Equal(new[] { "1", "2001", "2028", "21", "8006" }, alerting);
    }

    [Theory]
    [InlineData("R000001")]
    [InlineData("r000001")]
    public void Describe_AlreadyReversedInEitherLetterCase_IsAlreadyReversed(string resultCode)
    {
        Assert.Equal("already_reversed", ReversalCatalogue.Describe(resultCode).Code);
    }

    [Fact]
    public void Describe_InvalidReceiptInLowerCase_IsOriginalTransactionInvalid()
    {
        Assert.Equal("original_transaction_invalid", ReversalCatalogue.Describe("r000002").Code);
    }

    [Theory]
    [InlineData("17")]
    [InlineData("100000001")]
    [InlineData("")]
    public void Describe_UnlistedCode_IsReversalFailedNotRetriableNoAlert(string resultCode)
    {
        var entry = ReversalCatalogue.Describe(resultCode);

        Assert.Equal("reversal_failed", entry.Code);
        Assert.False(entry.Retriable);
        Assert.False(entry.Alert);
    }

    [Fact]
    public void Failure_KeepsMpesaCodeAndDescriptionAsSent()
    {
        var failure = ReversalCatalogue.Failure("8006", "The security credential is locked");

        Assert.Equal(new RefundFailure("security_credential_locked", "8006", "The security credential is locked",
            ReversalCatalogue.Describe("8006").Message, Retriable: true), failure);
    }

    [Fact]
    public void NotSent_IsRetriableRequestRejected()
    {
        var failure = ReversalCatalogue.NotSent("404.001.03", "Invalid Access Token");

        Assert.Equal("reversal_request_rejected", failure.Code);
        Assert.Equal("404.001.03", failure.ResultCode);
        Assert.Equal("Invalid Access Token", failure.ResultDescription);
        Assert.True(failure.Retriable);
    }
}
