using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Shield.Infrastructure.Webhooks;

/// <summary>Stops the service at start with a message naming the <c>Webhooks</c> key that cannot work.</summary>
internal sealed class WebhooksOptionsValidator : IValidateOptions<WebhooksOptions>
{
    /// <summary>Longer than this, a worker holding a lease would wait on one silent receiver for too long.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        for (var i = 0; i < options.AllowedPrivateNetworks.Count; i++)
        {
            var entry = options.AllowedPrivateNetworks[i];
            if (!IPNetwork.TryParse(entry?.Trim() ?? string.Empty, out _))
            {
                failures.Add($"Webhooks:AllowedPrivateNetworks[{i}] '{entry}' is not a CIDR range (e.g. 127.0.0.0/8, ::1/128 or 10.20.0.0/16; one address is a /32 or /128).");
            }
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            failures.Add($"Webhooks:Timeout must be more than 0 and at most {MaxTimeout:c} (one delivery attempt), not {options.Timeout:c}.");
        }

        for (var i = 0; i < options.RetrySchedule.Count; i++)
        {
            if (options.RetrySchedule[i] < TimeSpan.Zero)
            {
                failures.Add($"Webhooks:RetrySchedule[{i}] {options.RetrySchedule[i]:c} is negative: each entry is the delay before an attempt.");
            }
        }

        RequirePositive(options.SecretRotationGrace, "SecretRotationGrace", failures, allowZero: true);
        RequirePositive(options.DisableAfter, "DisableAfter", failures);
        RequirePositive(options.EventRetention, "EventRetention", failures);
        RequirePositive(options.PollInterval, "PollInterval", failures);

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Webhooks:BatchSize must be between 1 and 1000, not {options.BatchSize}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(TimeSpan value, string key, List<string> failures, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (value == TimeSpan.Zero && !allowZero))
        {
            failures.Add($"Webhooks:{key} must be {(allowZero ? "zero or more" : "more than 0")}, not {value:c}.");
        }
    }
}
