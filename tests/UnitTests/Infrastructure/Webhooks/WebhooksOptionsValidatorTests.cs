using Microsoft.Extensions.Configuration;
using Shield.Infrastructure.Webhooks;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>A bad <c>Webhooks</c> section stops the service at start with a message naming the key.</summary>
public sealed class WebhooksOptionsValidatorTests
{
    private readonly WebhooksOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = _validator.Validate(null, new WebhooksOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_DevelopmentRanges_Succeed()
    {
        var options = new WebhooksOptions { RequireHttps = false };
        options.AllowedPrivateNetworks.Add("127.0.0.0/8");
        options.AllowedPrivateNetworks.Add("::1/128");

        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("127.0.0.1")]
    [InlineData("")]
    public void Validate_AllowedPrivateNetworkThatIsNotACidrRange_NamesTheEntry(string entry)
    {
        var options = new WebhooksOptions();
        options.AllowedPrivateNetworks.Add("127.0.0.0/8");
        options.AllowedPrivateNetworks.Add(entry);

        var failure = Failure(options);

        Assert.StartsWith($"Webhooks:AllowedPrivateNetworks[1] '{entry}' is not a CIDR range", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:01:00.001")]
    public void Validate_TimeoutOutsideOneTickToOneMinute_IsRefused(string timeout)
    {
        var failure = Failure(new WebhooksOptions { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.StartsWith("Webhooks:Timeout must be more than 0 and at most 00:01:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TimeoutOfOneMinute_Succeeds()
    {
        Assert.True(_validator.Validate(null, new WebhooksOptions { Timeout = TimeSpan.FromMinutes(1) }).Succeeded);
    }

    [Fact]
    public void Validate_NegativeRetryScheduleEntry_NamesTheEntry()
    {
        var options = new WebhooksOptions();
        options.RetrySchedule.Add(TimeSpan.Zero);
        options.RetrySchedule.Add(TimeSpan.FromSeconds(-5));

        var failure = Failure(options);

        Assert.StartsWith("Webhooks:RetrySchedule[1] -00:00:05 is negative", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Validate_BatchSizeOutOfRange_IsRefused(int size)
    {
        Assert.StartsWith("Webhooks:BatchSize must be between 1 and 1000", Failure(new WebhooksOptions { BatchSize = size }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(WebhooksOptions.DisableAfter))]
    [InlineData(nameof(WebhooksOptions.EventRetention))]
    [InlineData(nameof(WebhooksOptions.PollInterval))]
    public void Validate_ZeroDuration_NamesTheKey(string key)
    {
        var options = new WebhooksOptions();
        typeof(WebhooksOptions).GetProperty(key)!.SetValue(options, TimeSpan.Zero);

        Assert.StartsWith($"Webhooks:{key} must be more than 0", Failure(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeRotationGrace_IsRefused()
    {
        Assert.StartsWith("Webhooks:SecretRotationGrace must be zero or more",
            Failure(new WebhooksOptions { SecretRotationGrace = TimeSpan.FromHours(-1) }), StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ConfiguredRetrySchedule_ReplacesTheDefaultRatherThanAddingToIt()
    {
        var options = Bind(new()
        {
            ["Webhooks:RetrySchedule:0"] = "00:00:00",
            ["Webhooks:RetrySchedule:1"] = "00:00:01",
            ["Webhooks:RetrySchedule:2"] = "00:00:02",
        });

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], options.EffectiveRetrySchedule);
    }

    [Fact]
    public void Bind_NoRetrySchedule_UsesTheDefault()
    {
        var options = Bind([]);

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
                TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10)],
            options.EffectiveRetrySchedule);
        Assert.True(options.RequireHttps);
        Assert.Empty(options.AllowedPrivateNetworks);
        Assert.Equal(TimeSpan.FromSeconds(15), options.Timeout);
    }

    [Fact]
    public void Bind_DevelopmentSection_ReadsEveryKey()
    {
        var options = Bind(new()
        {
            ["Webhooks:RequireHttps"] = "false",
            ["Webhooks:AllowedPrivateNetworks:0"] = "127.0.0.0/8",
            ["Webhooks:AllowedPrivateNetworks:1"] = "::1/128",
            ["Webhooks:Timeout"] = "00:00:05",
            ["Webhooks:SecretRotationGrace"] = "00:10:00",
            ["Webhooks:DisableAfter"] = "1.00:00:00",
            ["Webhooks:EventRetention"] = "7.00:00:00",
            ["Webhooks:BatchSize"] = "10",
            ["Webhooks:PollInterval"] = "00:00:00.250",
        });

        Assert.False(options.RequireHttps);
        Assert.Equal(["127.0.0.0/8", "::1/128"], options.AllowedPrivateNetworks);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.SecretRotationGrace);
        Assert.Equal(TimeSpan.FromDays(1), options.DisableAfter);
        Assert.Equal(TimeSpan.FromDays(7), options.EventRetention);
        Assert.Equal(10, options.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
        Assert.True(_validator.Validate(null, options).Succeeded);
    }

    private static WebhooksOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new WebhooksOptions();
        configuration.GetSection(WebhooksOptions.SectionName).Bind(options);
        return options;
    }

    private string Failure(WebhooksOptions options)
    {
        var result = _validator.Validate(null, options);
        Assert.True(result.Failed, "The configuration should be refused.");
        return Assert.Single(result.Failures!);
    }
}
