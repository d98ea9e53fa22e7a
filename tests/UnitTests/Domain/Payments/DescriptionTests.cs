using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed class DescriptionTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("Shield plan")]
    [InlineData("Monthly-12345")] // 13: the documented maximum
    public void Parse_LettersDigitsSpacesDashesUpToThirteen_IsAccepted(string input)
    {
        Assert.Equal(input, Description.Parse(input).Value);
        Assert.True(Description.IsValid(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Monthly-123456")] // 14
    [InlineData("Plan#1")]
    [InlineData("Plan@Shield")]
    public void TryParse_EmptyTooLongOrSpecialCharacters_IsRefused(string? input)
    {
        Assert.False(Description.TryParse(input, out var description));
        Assert.Null(description);
    }

    [Fact]
    public void Parse_Invalid_ThrowsDomainException()
    {
        var exception = Assert.Throws<DomainException>(() => Description.Parse("Plan#1"));

        Assert.Equal("A description is 1 to 13 letters, digits, spaces or dashes.", exception.Message);
    }

    [Fact]
    public void Default_IsPayment()
    {
        Assert.Equal("Payment", Description.Default.Value);
        Assert.True(Description.IsValid(Description.Default.Value));
    }
}
