using System.Globalization;

namespace Shield.Infrastructure.Fleet;

/// <summary>A Daraja OAuth token and when to stop using it (shortly before it expires). The value is a secret: never logged.</summary>
internal sealed record DarajaToken(string Value, DateTimeOffset RefreshAt)
{
    /// <summary>How it is kept in the shared cache: the refresh time (Unix milliseconds), a colon, the token.</summary>
    public string Serialize() => RefreshAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + Value;

    public static DarajaToken? Deserialize(string? stored)
    {
        var colon = stored?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && colon < stored!.Length - 1 && long.TryParse(stored.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var refreshAt)
            ? new DarajaToken(stored[(colon + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(refreshAt))
            : null;
    }

    /// <summary>
    /// Usable now and, after Daraja called a token invalid on this instance, issued after that one (a later refresh
    /// time): an older token still in the cache (from before an outage, say) is no better than the rejected one.
    /// </summary>
    public bool IsUsable(DateTimeOffset now, DarajaToken? rejected) =>
        now < RefreshAt && (rejected is null || (!string.Equals(Value, rejected.Value, StringComparison.Ordinal) && RefreshAt > rejected.RefreshAt));

    /// <summary>Keeps the secret out of any log or debugger display that prints the record.</summary>
    public override string ToString() => $"DarajaToken(refresh at {RefreshAt:O})";
}
