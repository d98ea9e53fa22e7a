using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>What a client is told when it registers an endpoint URL. Names resolve through a fake resolver: no DNS.</summary>
public sealed class WebhookUrlRulesTests
{
    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hooks.example.com"] = [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c")],
        ["evil.test"] = [IPAddress.Loopback],
        ["metadata.test"] = [IPAddress.Parse("169.254.169.254")],
        ["mixed.test"] = [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.5")],
        ["mapped.test"] = [IPAddress.Parse("::ffff:192.168.1.10")],
        ["empty.test"] = [],
    };

    private readonly List<string> _resolved = [];

    [Theory]
    [InlineData("https://hooks.example.com/shield")]
    [InlineData("https://hooks.example.com:8443/shield?tenant=7")]
    [InlineData("https://93.184.215.14/shield")]
    public async Task CheckAsync_PublicHttpsUrl_IsAllowed(string url)
    {
        var check = await Rules().CheckAsync(url, CancellationToken.None);

        Assert.True(check.IsAllowed, check.Message);
        Assert.Equal(new Uri(url), check.Url);
        Assert.Null(check.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/webhooks/shield")]
    [InlineData("hooks.example.com/shield")]
    [InlineData("ftp://hooks.example.com/shield")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://")]
    public async Task CheckAsync_NotAnAbsoluteHttpUrl_IsInvalid(string? url)
    {
        var check = await Rules().CheckAsync(url, CancellationToken.None);

        AssertRefused(check, WebhookUrlCheck.Invalid);
        Assert.Contains("absolute http or https URL", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_LongerThan2048Characters_IsInvalid()
    {
        const string start = "https://hooks.example.com/";
        var longest = start + new string('a', WebhookUrlRules.MaxLength - start.Length);

        Assert.True((await Rules().CheckAsync(longest, CancellationToken.None)).IsAllowed);
        AssertRefused(await Rules().CheckAsync(longest + "a", CancellationToken.None), WebhookUrlCheck.Invalid);
    }

    [Fact]
    public async Task CheckAsync_HttpWhileHttpsIsRequired_IsNotHttps()
    {
        var check = await Rules().CheckAsync("http://hooks.example.com/shield", CancellationToken.None);

        AssertRefused(check, WebhookUrlCheck.NotHttps);
    }

    [Fact]
    public async Task CheckAsync_HttpWhenHttpsIsNotRequired_IsAllowed()
    {
        var check = await Rules(o => o.RequireHttps = false).CheckAsync("http://hooks.example.com/shield", CancellationToken.None);

        Assert.True(check.IsAllowed, check.Message);
    }

    [Theory]
    [InlineData("https://user:s3cr3t-pw@hooks.example.com/shield")]
    [InlineData("https://token@hooks.example.com/shield")]
    public async Task CheckAsync_CredentialsInUrl_AreRefused(string url)
    {
        var check = await Rules().CheckAsync(url, CancellationToken.None);

        AssertRefused(check, WebhookUrlCheck.HasCredentials);
        Assert.DoesNotContain(new Uri(url).UserInfo, check.Message!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://empty.test/shield")]
    [InlineData("https://unknown.test/shield")]
    public async Task CheckAsync_HostWithoutAddress_IsNotResolvable(string url)
    {
        var check = await Rules().CheckAsync(url, CancellationToken.None);

        AssertRefused(check, WebhookUrlCheck.NotResolvable);
        Assert.Contains(new Uri(url).Host, check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ResolverSlowerThanTheTimeout_IsNotResolvable()
    {
        var rules = new WebhookUrlRules(Options.Create(new WebhooksOptions { Timeout = TimeSpan.FromMilliseconds(200) }),
            async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                return [IPAddress.Parse("93.184.215.14")];
            });

        var check = await rules.CheckAsync("https://slow.test/shield", CancellationToken.None);

        AssertRefused(check, WebhookUrlCheck.NotResolvable);
        Assert.Contains("within 200 ms", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.test/shield", "loopback")]
    [InlineData("https://metadata.test/latest/meta-data", "link-local")]
    [InlineData("https://mixed.test/shield", "private")] // one refused address is enough: the connection could use it
    [InlineData("https://mapped.test/shield", "private")]
    [InlineData("https://127.0.0.1/shield", "loopback")]
    [InlineData("https://[::1]/shield", "loopback")]
    [InlineData("https://[::ffff:127.0.0.1]/shield", "loopback")]
    [InlineData("https://10.1.2.3:8443/shield", "private")]
    [InlineData("https://[fd00::1]/shield", "unique-local")]
    public async Task CheckAsync_HostResolvingToAnInternalAddress_IsNotAllowed(string url, string reason)
    {
        var check = await Rules().CheckAsync(url, CancellationToken.None);

        AssertRefused(check, WebhookUrlCheck.NotAllowed);
        Assert.Contains($"({reason})", check.Message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:AllowedPrivateNetworks", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_RefusedName_DoesNotTellTheClientTheInternalAddress()
    {
        var check = await Rules().CheckAsync("https://mixed.test/shield", CancellationToken.None);

        Assert.DoesNotContain("10.0.0.5", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://evil.test:5080/shield")]
    [InlineData("http://127.0.0.1:5080/shield")]
    [InlineData("http://[::1]:5080/shield")]
    public async Task CheckAsync_LoopbackWhenAllowed_IsAllowed(string url)
    {
        var rules = Rules(o =>
        {
            o.RequireHttps = false;
            o.AllowedPrivateNetworks.Add("127.0.0.0/8");
            o.AllowedPrivateNetworks.Add("::1/128");
        });

        var check = await rules.CheckAsync(url, CancellationToken.None);

        Assert.True(check.IsAllowed, check.Message);
    }

    [Fact]
    public async Task CheckAsync_IpLiteral_IsNotSentToTheResolver()
    {
        await Rules().CheckAsync("https://93.184.215.14/shield", CancellationToken.None);
        await Rules().CheckAsync("https://[2606:4700:4700::1111]/shield", CancellationToken.None);

        Assert.Empty(_resolved);
    }

    [Fact]
    public async Task CheckAsync_CallerCancels_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var rules = new WebhookUrlRules(Options.Create(new WebhooksOptions()), async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rules.CheckAsync("https://slow.test/", cancelled.Token));
    }

    private static void AssertRefused(WebhookUrlCheck check, string code)
    {
        Assert.False(check.IsAllowed);
        Assert.Equal(code, check.Code);
        Assert.Null(check.Url);
        Assert.False(string.IsNullOrWhiteSpace(check.Message));
    }

    private WebhookUrlRules Rules(Action<WebhooksOptions>? change = null)
    {
        var options = new WebhooksOptions();
        change?.Invoke(options);
        return new WebhookUrlRules(Options.Create(options), Resolve);
    }

    private Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken)
    {
        _resolved.Add(host);
        return Names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
