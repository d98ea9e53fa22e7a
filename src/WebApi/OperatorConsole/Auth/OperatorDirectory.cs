using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Shield.WebApi.OperatorConsole;

/// <summary>
/// Checks a password sign-in against <c>Console:Operators</c>, with a lockout after <see cref="ConsoleOptions.MaxFailedSignIns"/>
/// failures in a row for <see cref="ConsoleOptions.LockoutDuration"/>. An unknown name costs the same hash check and
/// answers as a wrong password does, so the form does not tell which names exist. The counts are per instance.
/// </summary>
public sealed class OperatorDirectory(IOptionsMonitor<ConsoleOptions> options, TimeProvider clock)
{
    public const int MaxUsernameLength = 64;

    private static readonly PasswordHasher<ConsoleOperator> Hasher = new();

    /// <summary>A hash of nothing anyone knows, checked for unknown names.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new ConsoleOperator(), Guid.NewGuid().ToString());

    private readonly Dictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public SignInResult SignIn(string? username, string? password)
    {
        // A name longer than any operator's is no operator's: kept short, the lockout's table cannot be grown by it.
        var name = username?.Trim() is { } typed ? typed[..Math.Min(typed.Length, MaxUsernameLength)] : string.Empty;
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();

        // An attempt is counted before its password is checked, so parallel guesses cannot pass the limit while the
        // (slow, on purpose) hash checks run: the sixth of six at once is refused without one.
        lock (_gate)
        {
            var failures = _failures.GetValueOrDefault(name) is { } known && !(known.LockedUntil <= now) ? known : new Failures(0, null, false);
            if (failures.LockedUntil is { } until)
            {
                _failures[name] = failures with { RefusalReported = true };
                return SignInResult.LockedOut(until, report: !failures.RefusalReported);
            }

            if (failures.Count >= settings.MaxFailedSignIns)
            {
                // The limit's attempts are still being checked: refused as locked (the last of them locks the name).
                return SignInResult.LockedOut(now + settings.LockoutDuration, report: false);
            }

            _failures[name] = failures with { Count = failures.Count + 1 };
            if (_failures.Count > 10_000)
            {
                // Names not locked now are forgotten: guessing many names cannot grow this table for good.
                foreach (var expired in _failures.Where(f => !(f.Value.LockedUntil > now)).Select(f => f.Key).ToList())
                {
                    _failures.Remove(expired);
                }
            }
        }

        var match = settings.Operators.FirstOrDefault(o => string.Equals(o.Username, name, StringComparison.OrdinalIgnoreCase));
        PasswordVerificationResult verdict;
        try
        {
            verdict = Hasher.VerifyHashedPassword(match ?? new ConsoleOperator(), match?.PasswordHash ?? DecoyHash, password ?? string.Empty);
        }
        catch (FormatException)
        {
            verdict = PasswordVerificationResult.Failed; // a configured hash that is not one: nobody signs in with it
        }

        lock (_gate)
        {
            if (match is not null && verdict != PasswordVerificationResult.Failed && ConsoleRoles.Parse(match.Role) is { } role && name.Length > 0)
            {
                _failures.Remove(name);
                return SignInResult.Success(match.Username, role) with { Fingerprint = Fingerprint(match.PasswordHash) };
            }

            if (_failures.GetValueOrDefault(name) is { Count: var count, LockedUntil: null } failures && count >= settings.MaxFailedSignIns)
            {
                var until = now + settings.LockoutDuration;
                _failures[name] = failures with { LockedUntil = until };
                return SignInResult.LockedOut(until, justNow: true);
            }

            return SignInResult.Failed;
        }
    }

    /// <summary>What a session remembers of the password it signed in with: a new hash (a changed password) ends it.</summary>
    public static string Fingerprint(string passwordHash) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash)))[..16];

    /// <summary>A hash for <c>Console:Operators:N:PasswordHash</c> (the <c>hash-password</c> command).</summary>
    public static string Hash(string password) => Hasher.HashPassword(new ConsoleOperator(), password);

    /// <param name="Count">Failures in a row, and attempts being checked.</param>
    /// <param name="LockedUntil">Until when the name is locked, or null.</param>
    /// <param name="RefusalReported">A refusal during this lockout was already reported (the audit log gets one, not one per try).</param>
    private sealed record Failures(int Count, DateTimeOffset? LockedUntil, bool RefusalReported);
}

/// <summary>How a password sign-in ended.</summary>
/// <param name="Succeeded">The password was right.</param>
/// <param name="Username">The operator, as configured.</param>
/// <param name="Role">Its console role.</param>
/// <param name="LockedUntil">Until when the name is locked, or null.</param>
/// <param name="LockedJustNow">This failure locked the name.</param>
/// <param name="Report">Worth an audit entry: every success and failure, the lockout, and the first refusal during it.</param>
public sealed record SignInResult(bool Succeeded, string? Username, string? Role, DateTimeOffset? LockedUntil, bool LockedJustNow, bool Report = true)
{
    /// <summary>On a success, <see cref="OperatorDirectory.Fingerprint"/> of the operator's configured hash.</summary>
    public string? Fingerprint { get; init; }

    public static SignInResult Failed { get; } = new(false, null, null, null, false);

    public static SignInResult Success(string username, string role) => new(true, username, role, null, false);

    public static SignInResult LockedOut(DateTimeOffset until, bool justNow = false, bool report = true) => new(false, null, null, until, justNow, report);
}
