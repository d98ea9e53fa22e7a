using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

public sealed class WebhookSecretTests
{
    [Fact]
    public void New_IsWhsecPrefixAndBase64Of32Bytes()
    {
        var secret = WebhookSecret.New();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
    }

    [Fact]
    public void New_TwiceInARow_GivesDifferentSecrets()
    {
        var secrets = Enumerable.Range(0, 20).Select(_ => WebhookSecret.New()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(20, secrets.Count);
    }

    [Fact]
    public void KeyOf_NewSecret_IsTheDecodedBytesAfterThePrefix()
    {
        var secret = WebhookSecret.New();

        Assert.Equal(Convert.FromBase64String(secret[6..]), WebhookSecret.KeyOf(secret));
    }

    [Fact]
    public void KeyOf_KnownSecret_DecodesBase64()
    {
        Assert.Equal([1, 2, 3, 250], WebhookSecret.KeyOf("whsec_AQID+g=="));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AQID+g==")]
    [InlineData("WHSEC_AQID+g==")]
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("sk_live_AQID+g==")]
    public void KeyOf_MalformedSecret_ThrowsFormatExceptionWithoutShowingIt(string secret)
    {
        var exception = Assert.Throws<FormatException>(() => WebhookSecret.KeyOf(secret));

        Assert.Contains("whsec_", exception.Message, StringComparison.Ordinal);
        if (secret.Length > 6)
        {
            Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        }
    }
}
