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

    /// <summary>Usable now, and not the token Daraja last called invalid on this instance.</summary>
    public bool IsUsable(DateTimeOffset now, string? rejected) => now < RefreshAt && !string.Equals(Value, rejected, StringComparison.Ordinal);

    /// <summary>Keeps the secret out of any log or debugger display that prints the record.</summary>
    public override string ToString() => $"DarajaToken(refresh at {RefreshAt:O})";
}
