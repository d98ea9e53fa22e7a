using System.Net;
using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>Webhooks never reach Shield's own host or internal networks unless an operator allows the range.</summary>
public sealed class NetworkPolicyTests
{
    private static readonly NetworkPolicy Strict = new([]);

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")] // the cloud metadata address
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.255", "CGNAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("64:ff9b::a00:5", "NAT64 (an IPv4 address inside)")]
    [InlineData("2002:a00:5::1", "6to4 (an IPv4 address inside)")]
    [InlineData("2001:0:4136:e378::1", "Teredo (an IPv4 address inside)")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("fd12:3456:789a::1", "unique-local")]
    [InlineData("fec0::1", "site-local")]
    public void IsAllowed_InternalAddress_IsRefusedWithWhatItIs(string address, string expected)
    {
        Assert.False(Strict.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:100.64.1.1", "CGNAT")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("::ffff:224.0.0.251", "multicast")]
    public void IsAllowed_IPv4MappedIPv6_IsJudgedAsTheIPv4AddressItCarries(string address, string expected)
    {
        Assert.False(Strict.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void IsAllowed_LinkLocalWithScope_IsRefused()
    {
        Assert.False(Strict.IsAllowed(IPAddress.Parse("fe80::1%2"), out var reason));
        Assert.Equal("link-local", reason);
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]   // just below 172.16.0.0/12
    [InlineData("172.32.0.0")]       // just above it
    [InlineData("100.63.255.255")]   // just below CGNAT
    [InlineData("100.128.0.0")]      // just above it
    [InlineData("169.253.255.255")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void IsAllowed_PublicAddress_IsAllowed(string address)
    {
        Assert.True(Strict.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.20.30.40")]
    public void IsAllowed_AddressInAnAllowedRange_IsAllowed(string address)
    {
        var policy = new NetworkPolicy(["127.0.0.0/8", "::1/128", "10.20.0.0/16"]);

        Assert.True(policy.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Null(reason);
    }

    [Theory]
    [InlineData("10.21.0.1", "private")]
    [InlineData("192.168.0.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    public void IsAllowed_InternalAddressOutsideTheAllowedRanges_IsStillRefused(string address, string expected)
    {
        var policy = new NetworkPolicy(["127.0.0.0/8", "10.20.0.0/16"]);

        Assert.False(policy.IsAllowed(IPAddress.Parse(address), out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Constructor_EntryThatIsNotACidrRange_Throws()
    {
        Assert.Throws<FormatException>(() => new NetworkPolicy(["localhost"]));
    }
}
