using Shield.Domain.Common;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>The API client that owns a payment: 1 to 64 characters, never blank.</summary>
public sealed class ClientIdTests
{
    [Theory]
    [InlineData("c")]
    [InlineData("client-a")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789ghij")] // 64: the maximum
    public void Constructor_OneToSixtyFourCharacters_KeepsValue(string value)
    {
        var clientId = new ClientId(value);

        Assert.Equal(value, clientId.Value);
        Assert.Equal(value, clientId.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \n")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789ghijk")] // 65
    public void Constructor_BlankOrOverSixtyFourCharacters_ThrowsDomainException(string value)
    {
        var exception = Assert.Throws<DomainException>(() => new ClientId(value));

        Assert.Contains("1 to 64 characters", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Null_ThrowsDomainException()
    {
        Assert.Throws<DomainException>(() => new ClientId(null!));
    }
}
