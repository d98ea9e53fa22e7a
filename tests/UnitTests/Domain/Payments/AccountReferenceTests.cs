using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed class AccountReferenceTests
{
    [Theory]
    [InlineData("A")]
    [InlineData("INV-001")]
    [InlineData("Order 42")]
    [InlineData("ABCDEFGHIJKL")] // 12: the documented maximum
    public void Parse_LettersDigitsSpacesDashesUpToTwelve_IsAccepted(string input)
    {
        Assert.Equal(input, AccountReference.Parse(input).Value);
        Assert.True(AccountReference.IsValid(input));
    }

    [Fact]
    public void Parse_SurroundingSpaces_AreTrimmed()
    {
        Assert.Equal("INV-001", AccountReference.Parse("  INV-001 ").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ABCDEFGHIJKLM")] // 13
    [InlineData("INV@1")]
    [InlineData("INV#1")]
    [InlineData("INV&1")]
    [InlineData("INV_1")]
    [InlineData("Café")]
    public void TryParse_EmptyTooLongOrSpecialCharacters_IsRefused(string? input)
    {
        Assert.False(AccountReference.TryParse(input, out var reference));
        Assert.Null(reference);
        Assert.False(AccountReference.IsValid(input));
    }

    [Fact]
    public void Parse_Invalid_ThrowsDomainException()
    {
        var exception = Assert.Throws<DomainException>(() => AccountReference.Parse("ABCDEFGHIJKLM"));

        Assert.Equal("An account reference is 1 to 12 letters, digits, spaces or dashes.", exception.Message);
    }
}
