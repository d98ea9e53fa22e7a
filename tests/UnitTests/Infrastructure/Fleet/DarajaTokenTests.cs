using Shield.Infrastructure.Fleet;

namespace Shield.UnitTests.Infrastructure.Fleet;

public sealed class DarajaTokenTests
{
    private static readonly DateTimeOffset RefreshAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deserialize_WhatSerializeStored_IsTheSameTokenAndRefreshTime()
    {
        var token = new DarajaToken("abc:def", RefreshAt);

        var read = DarajaToken.Deserialize(token.Serialize());

        Assert.Equal(token, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-colon")]
    [InlineData(":token")]
    [InlineData("123:")]
    [InlineData("-5:token")]
    public void Deserialize_SomethingElse_IsNoToken(string? stored) => Assert.Null(DarajaToken.Deserialize(stored));

    [Fact]
    public void IsUsable_TheTokenThisInstanceSawRejected_IsFalseSoItIsReplaced()
    {
        var token = new DarajaToken("old", RefreshAt);

        Assert.False(token.IsUsable(RefreshAt.AddMinutes(-10), rejected: "old"));
        Assert.True(token.IsUsable(RefreshAt.AddMinutes(-10), rejected: "older"));
        Assert.False(token.IsUsable(RefreshAt, rejected: null));
    }

    [Fact]
    public void ToString_NeverShowsTheSecret() =>
        Assert.DoesNotContain("s3cret", new DarajaToken("s3cretToken", RefreshAt).ToString(), StringComparison.Ordinal);
}
