using Shield.Domain.Common;

namespace Shield.Domain.Webhooks;

/// <summary>
/// Where a client wants its events posted, signed with a secret only it knows. Rotating the secret keeps the old one
/// signing beside the new one for a grace period, so a receiver can switch without missing an event. An endpoint that
/// answers 410 Gone, or fails every attempt for too long, is disabled, and says why.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 200;

    private WebhookEndpoint()
    {
    }

    public Guid Id { get; private set; }

    public ClientId ClientId { get; private set; }

    public string Url { get; private set; } = string.Empty;

    /// <summary>The event types it wants; empty means all.</summary>
    public IReadOnlyList<string> EventTypes { get; private set; } = [];

    public string? Description { get; private set; }

    /// <summary>The signing secret (<c>whsec_</c> + base64): shown to the client once, when made.</summary>
    public string Secret { get; private set; } = string.Empty;

    /// <summary>The secret before the last rotation, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    /// <summary>Since when every attempt to it has failed (null after a success).</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public string? DisabledReason { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: a rotation and a disable at once cannot both be saved over each other.</summary>
    public int Version { get; private set; }

    public bool IsActive => DisabledAt is null && DeletedAt is null;

    public static WebhookEndpoint Create(Guid id, ClientId clientId, Uri url, IReadOnlyList<string> eventTypes, string? description, string secret,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(eventTypes);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        return new WebhookEndpoint
        {
            Id = id,
            ClientId = clientId,
            Url = url.AbsoluteUri,
            EventTypes = [.. eventTypes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            Secret = secret,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Whether an event of this type goes to this endpoint.</summary>
    public bool Wants(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>The secrets that sign a delivery made at <paramref name="now"/>: the current one first.</summary>
    public IReadOnlyList<string> SecretsAt(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];

    /// <summary>A new secret; the current one keeps signing beside it for <paramref name="grace"/>.</summary>
    public void RotateSecret(string secret, TimeSpan grace, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        (PreviousSecret, PreviousSecretExpiresAt, Secret) = (Secret, now + grace, secret);
        Touch(now);
    }

    /// <summary>An attempt succeeded: the endpoint is no longer failing.</summary>
    public void RecordSuccess(DateTimeOffset now)
    {
        if (FailingSince is not null)
        {
            FailingSince = null;
            Touch(now);
        }
    }

    /// <summary>
    /// An attempt failed. Returns true when this disabled the endpoint: it answered 410 Gone, or it has failed every
    /// attempt for <paramref name="disableAfter"/>.
    /// </summary>
    /// <remarks>
    /// Only a change of state (failing from now, disabled) touches the endpoint: several deliveries to one endpoint fail
    /// at once when its receiver is down, and the failures after the first change nothing here.
    /// </remarks>
    public bool RecordFailure(bool gone, TimeSpan disableAfter, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return false;
        }

        if (FailingSince is null)
        {
            FailingSince = now;
            Touch(now);
        }

        if (gone)
        {
            Disable("The endpoint answered 410 Gone.", now);
            return true;
        }

        if (now - FailingSince.Value >= disableAfter)
        {
            Disable($"Every attempt failed from {FailingSince.Value:u} for {disableAfter.TotalDays:0.#} days.", now);
            return true;
        }

        return false;
    }

    /// <summary>Enabled again (its client recovers it): failing from now on only.</summary>
    public void Enable(DateTimeOffset now)
    {
        if (DisabledAt is not null)
        {
            (DisabledAt, DisabledReason, FailingSince) = (null, null, null);
            Touch(now);
        }
    }

    /// <summary>Deleted by its client: nothing more is sent to it, and it is no longer listed.</summary>
    public void Delete(DateTimeOffset now)
    {
        DeletedAt ??= now;
        Touch(now);
    }

    private void Disable(string reason, DateTimeOffset now)
    {
        (DisabledAt, DisabledReason) = (now, reason);
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
