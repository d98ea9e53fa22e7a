namespace Shield.DarajaSimulator.Tokens;

/// <summary>An issued access token's expiry and the journal's revocation epoch it was issued in.</summary>
internal sealed record IssuedToken(DateTimeOffset ExpiresAt, long Epoch);
