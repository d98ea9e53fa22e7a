using System.Collections.Concurrent;

namespace Shield.DarajaSimulator.Tokens;

/// <summary>
/// Issues and checks bearer tokens. A token is valid for 3600 s (the response says 3599) unless the journal
/// revoked it. Issuing a new token does not invalidate earlier ones: the official FAQ says it does, but no
/// observation confirms it (REFERENCE.md §1.4), and several Shield instances may each hold one.
/// </summary>
internal sealed class TokenStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3600);

    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly DarajaSimulatorJournal _journal;
    private readonly TimeProvider _timeProvider;

    public TokenStore(DarajaSimulatorJournal journal, TimeProvider timeProvider)
    {
        _journal = journal;
        _timeProvider = timeProvider;
    }

    public string Issue()
    {
        var now = _timeProvider.GetUtcNow();
        RemoveDead(now);
        var token = RandomIds.AccessToken();
        _tokens[token] = new IssuedToken(now + Lifetime, _journal.TokenEpoch);
        _journal.RecordTokenIssued();
        return token;
    }

    public bool IsValid(string token) =>
        _tokens.TryGetValue(token, out var issued) && IsAlive(issued, _timeProvider.GetUtcNow());

    private bool IsAlive(IssuedToken issued, DateTimeOffset now) =>
        issued.Epoch == _journal.TokenEpoch && now < issued.ExpiresAt;

    private void RemoveDead(DateTimeOffset now)
    {
        foreach (var (token, issued) in _tokens)
        {
            if (!IsAlive(issued, now))
            {
                _tokens.TryRemove(token, out _);
            }
        }
    }
}
