using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed class MsisdnTests
{
    [Theory]
    [InlineData("0708374149", "254708374149")]
    [InlineData("708374149", "254708374149")]
    [InlineData("+254708374149", "254708374149")]
    [InlineData("254708374149", "254708374149")]
    [InlineData("0708 374 149", "254708374149")]
    [InlineData("0708-374-149", "254708374149")]
    [InlineData(" 0708374149 ", "254708374149")]
    [InlineData("0110000001", "254110000001")]
    [InlineData("110000001", "254110000001")]
    [InlineData("+254 110 000 001", "254110000001")]
    public void Parse_AcceptedForm_NormalisesToTwelveDigits(string input, string expected)
    {
        var msisdn = Msisdn.Parse(input);

        Assert.Equal(expected, msisdn.Value);
        Assert.True(Msisdn.IsValid(input));
        Assert.True(Msisdn.TryParse(input, out var parsed));
        Assert.Equal(expected, parsed.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("070837414")]        // 9 digits with the leading 0: one digit short
    [InlineData("07083741490")]      // one digit too many
    [InlineData("2547083741")]       // 254 with too few digits
    [InlineData("2547083741490")]    // 254 with too many digits
    [InlineData("+0708374149")]      // + with a national number
    [InlineData("+708374149")]
    [InlineData("255708374149")]     // Tanzania
    [InlineData("+255708374149")]
    [InlineData("0812345678")]       // not a Safaricom mobile prefix
    [InlineData("0208374149")]
    [InlineData("07O8374149")]       // letter O instead of zero
    [InlineData("phone")]
    [InlineData("0708.374.149")]
    [InlineData("+ 254708374149")]   // a detached plus sign
    [InlineData("++254708374149")]
    [InlineData("254+708374149")]
    public void TryParse_WrongForm_IsRefused(string? input)
    {
        Assert.False(Msisdn.TryParse(input, out var msisdn));
        Assert.Null(msisdn);
        Assert.False(Msisdn.IsValid(input));
    }

    [Fact]
    public void TryParse_ThirtyTwoCharacters_IsTheLongestInputRead()
    {
        var padded = "0708374149".PadLeft(32);

        Assert.True(Msisdn.TryParse(padded, out var msisdn));
        Assert.Equal("254708374149", msisdn.Value);
        Assert.False(Msisdn.IsValid(" " + padded));
    }

    [Fact]
    public void Parse_WrongForm_ThrowsDomainException()
    {
        var exception = Assert.Throws<DomainException>(() => Msisdn.Parse("0812345678"));

        Assert.Contains("Safaricom", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_KeepsFirstFourAndLastTwoDigits()
    {
        Assert.Equal("2547******49", Msisdn.Parse("0708374149").Masked);
    }

    [Fact]
    public void ToString_IsMaskedSoLogsNeverHoldTheNumber()
    {
        var msisdn = Msisdn.Parse("0708374149");

        Assert.Equal("2547******49", msisdn.ToString());
        Assert.DoesNotContain("708374149", $"{msisdn}", StringComparison.Ordinal);
    }

    [Fact]
    public void Equality_SameNumberInDifferentForms_IsEqual()
    {
        Assert.Equal(Msisdn.Parse("0708 374 149"), Msisdn.Parse("+254708374149"));
    }
}
