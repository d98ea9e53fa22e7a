using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>What a receiver answered is recorded as text every engine stores: a NUL byte or a long Location cannot stop an attempt being recorded.</summary>
public sealed class WebhookAttemptTextTests
{
    [Fact]
    public void Printable_DropsNulAndControlCharacters_KeepsLineBreaks()
    {
        Assert.Equal("ok\nline\ttab", WebhookDeliveryWorker.Printable("o\0k\n\u0001line\ttab\u007f", 100));
    }

    [Fact]
    public void Printable_CutsAtTheColumnsSize()
    {
        Assert.Equal(512, WebhookDeliveryWorker.Printable("redirect to https://example.com/" + new string('a', 4000) + " not followed", 512)!.Length);
        Assert.Null(WebhookDeliveryWorker.Printable(null, 512));
    }
}
