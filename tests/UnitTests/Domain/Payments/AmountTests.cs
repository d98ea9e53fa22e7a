using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed class AmountTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(250_000)]
    public void Constructor_WithinDarajaLimits_KeepsValue(int value)
    {
        Assert.Equal(value, new Amount(value).Value);
        Assert.True(Amount.IsValid(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(250_001)]
    public void Constructor_OutsideDarajaLimits_ThrowsDomainException(int value)
    {
        var exception = Assert.Throws<DomainException>(() => new Amount(value));

        Assert.Equal("An amount is a whole number of KES from 1 to 250000.", exception.Message);
        Assert.False(Amount.IsValid(value));
    }

    [Theory]
    [InlineData("10.5", false)]
    [InlineData("0.5", false)]
    [InlineData("0", false)]
    [InlineData("-1", false)]
    [InlineData("250001", false)]
    [InlineData("250000.5", false)]
    [InlineData("1", true)]        // KES 1: Daraja's minimum is a real payment (and a real stray success to match)
    [InlineData("250000", true)]   // KES 250,000: Daraja's maximum
    [InlineData("10", true)]
    [InlineData("10.00", true)]
    public void IsValid_Decimal_AcceptsOnlyWholeShillingsInRange(string value, bool expected)
    {
        Assert.Equal(expected, Amount.IsValid(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ToString_ShowsCurrency()
    {
        Assert.Equal("KES 1500", new Amount(1500).ToString());
    }
}
