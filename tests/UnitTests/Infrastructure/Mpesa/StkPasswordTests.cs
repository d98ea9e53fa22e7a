using System.Text;
using Shield.Infrastructure.Mpesa;

namespace Shield.UnitTests.Infrastructure.Mpesa;

public sealed class StkPasswordTests
{
    /// <summary>The public sandbox passkey (REFERENCE.md §2.3, §7).</summary>
    public const string SandboxPasskey = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";

    [Theory]
    [InlineData("20210628092408", "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMjEwNjI4MDkyNDA4")]
    [InlineData("20160216165627", "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3")]
    public void Create_ReferenceVector_MatchesSafaricomSamplePassword(string timestamp, string expected)
    {
        Assert.Equal(expected, StkPassword.Create("174379", SandboxPasskey, timestamp));
    }

    [Fact]
    public void Create_Password_DecodesToShortCodePasskeyTimestamp()
    {
        var password = StkPassword.Create("600000", "passkey", "20260101000000");

        Assert.Equal("600000passkey20260101000000", Encoding.UTF8.GetString(Convert.FromBase64String(password)));
    }

    [Fact]
    public void Timestamp_UtcInstant_IsEastAfricaTime()
    {
        Assert.Equal("20210628092408", StkPassword.Timestamp(new DateTimeOffset(2021, 6, 28, 6, 24, 8, TimeSpan.Zero)));
    }

    [Fact]
    public void Timestamp_InstantWithAnotherOffset_IsStillEastAfricaTime()
    {
        Assert.Equal("20210628092408", StkPassword.Timestamp(new DateTimeOffset(2021, 6, 28, 8, 24, 8, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Timestamp_JustBeforeMidnightUtc_RollsToNextEastAfricanDay()
    {
        Assert.Equal("20211231023000", StkPassword.Timestamp(new DateTimeOffset(2021, 12, 30, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void TryParseTimestamp_DarajaTransactionDate_IsUtcInstant()
    {
        Assert.True(StkPassword.TryParseTimestamp("20191219102115", out var instant));

        Assert.Equal(new DateTimeOffset(2019, 12, 19, 7, 21, 15, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Theory]
    [InlineData("2019121910211")]
    [InlineData("201912191021150")]
    [InlineData("20191319102115")]
    [InlineData("2019-12-19T10:21")]
    public void TryParseTimestamp_NotFourteenDigitDate_IsRefused(string value)
    {
        Assert.False(StkPassword.TryParseTimestamp(value, out _));
    }
}
