using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Shield.Infrastructure.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>
/// Shield's signatures are checked by an independent implementation of the Standard Webhooks specification (the
/// StandardWebhooks NuGet package, 1.1.2), as a receiver would check them: a wrong signing string fails here.
/// </summary>
public sealed class WebhookSignatureTests
{
    private const string MessageId = "evt_0193a8c2f5d37c8e9b1a2c3d4e5f6071";
    private static readonly string Secret = WebhookSecret.New();
    private static readonly string PreviousSecret = WebhookSecret.New();

    public static TheoryData<string> Bodies => new()
    {
        """{"id":"evt_1","type":"payment.completed","timestamp":"2026-12-01T10:00:00Z","data":{"amount":100}}""",
        // Non-ASCII: a receiver verifies the UTF-8 bytes it received, so Shield must sign the same bytes.
        """{"data":{"accountReference":"Wanjirũ Kamau — Nyeri","description":"Malipo ✓ 支付 🎉","amount":1000}}""",
        "",
    };

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Sign_AnyBody_IsVerifiedByTheStandardWebhooksPackage(string body)
    {
        var timestamp = Now;

        var signature = WebhookSignature.Sign(Secret, MessageId, timestamp, Encoding.UTF8.GetBytes(body));

        Verify(Secret, body, Headers(MessageId, timestamp, signature)); // throws when it does not verify
        Assert.Equal(new StandardWebhook(Secret).Sign(MessageId, DateTimeOffset.FromUnixTimeSeconds(timestamp), body), signature);
        Assert.StartsWith("v1,", signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TamperedBody_FailsVerification()
    {
        var timestamp = Now;
        var signature = WebhookSignature.Sign(Secret, MessageId, timestamp, """{"amount":100}"""u8);

        Assert.Throws<WebhookVerificationException>(() => Verify(Secret, """{"amount":1000}""", Headers(MessageId, timestamp, signature)));
    }

    [Fact]
    public void Sign_OtherTimestampInHeader_FailsVerification()
    {
        var timestamp = Now;
        var signature = WebhookSignature.Sign(Secret, MessageId, timestamp, """{"amount":100}"""u8);

        Assert.Throws<WebhookVerificationException>(() => Verify(Secret, """{"amount":100}""", Headers(MessageId, timestamp - 1, signature)));
    }

    [Fact]
    public void Sign_OtherMessageIdInHeader_FailsVerification()
    {
        var timestamp = Now;
        var signature = WebhookSignature.Sign(Secret, MessageId, timestamp, """{"amount":100}"""u8);

        Assert.Throws<WebhookVerificationException>(() => Verify(Secret, """{"amount":100}""", Headers("evt_other", timestamp, signature)));
    }

    [Fact]
    public void Sign_VerifiedWithAnotherSecret_FailsVerification()
    {
        var timestamp = Now;
        var signature = WebhookSignature.Sign(Secret, MessageId, timestamp, """{"amount":100}"""u8);

        Assert.Throws<WebhookVerificationException>(() => Verify(WebhookSecret.New(), """{"amount":100}""", Headers(MessageId, timestamp, signature)));
    }

    [Fact]
    public void Header_DuringRotation_CarriesBothSignaturesEachOfWhichVerifiesAlone()
    {
        const string body = """{"type":"payment.completed"}""";
        var timestamp = Now;

        var header = WebhookSignature.Header([Secret, PreviousSecret], MessageId, timestamp, Encoding.UTF8.GetBytes(body));

        var parts = header.Split(' ');
        Assert.Equal(2, parts.Length);
        Verify(Secret, body, Headers(MessageId, timestamp, header));   // a receiver that has the new secret
        Verify(Secret, body, Headers(MessageId, timestamp, parts[0]));
        Verify(PreviousSecret, body, Headers(MessageId, timestamp, parts[1]));   // one still on the old secret
        Assert.Throws<WebhookVerificationException>(() => Verify(Secret, body, Headers(MessageId, timestamp, parts[1])));
        Assert.Throws<WebhookVerificationException>(() => Verify(PreviousSecret, body, Headers(MessageId, timestamp, parts[0])));
        Assert.Throws<WebhookVerificationException>(() => Verify(WebhookSecret.New(), body, Headers(MessageId, timestamp, header)));
    }

    /// <summary>
    /// StandardWebhooks 1.1.2 stops before the last signature of a header with several (its loop ends when no space
    /// follows), so a receiver on that package still holding the previous secret rejects deliveries during a rotation's
    /// grace period, although the header is as the specification says. When this fails, the package was fixed: the
    /// rotation tests can then verify the whole header with the previous secret too.
    /// </summary>
    [Fact]
    public void StandardWebhooksPackage_HeaderWithSeveralSignatures_NeverChecksTheLastOne()
    {
        const string body = """{"type":"payment.completed"}""";
        var timestamp = Now;
        var header = WebhookSignature.Header([Secret, PreviousSecret], MessageId, timestamp, Encoding.UTF8.GetBytes(body));

        Assert.Throws<WebhookVerificationException>(() => Verify(PreviousSecret, body, Headers(MessageId, timestamp, header)));
    }

    [Fact]
    public void Header_WithoutSecrets_RefusesToSignNothing()
    {
        Assert.Throws<ArgumentException>(() => WebhookSignature.Header([], MessageId, Now, "{}"u8));
    }

    [Fact]
    public void Sign_MalformedSecret_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => WebhookSignature.Sign("not-a-secret", MessageId, Now, "{}"u8));
    }

    private static HeaderDictionary Headers(string id, long timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
        ["webhook-signature"] = signature,
    };

    private static void Verify(string secret, string body, HeaderDictionary headers) => new StandardWebhook(secret).Verify(body, headers);
}
