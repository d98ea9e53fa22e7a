using System.Collections.Concurrent;
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
    private static readonly PasswordHasher<ConsoleOperator> Hasher = new();

    /// <summary>A hash of nothing anyone knows, checked for unknown names.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new ConsoleOperator(), Guid.NewGuid().ToString());

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    public SignInResult SignIn(string? username, string? password)
    {
        var name = username?.Trim() ?? string.Empty;
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        if (_failures.TryGetValue(name, out var failures) && failures.LockedUntil > now)
        {
            return SignInResult.LockedOut(failures.LockedUntil.Value);
        }

        var match = settings.Operators.FirstOrDefault(o => string.Equals(o.Username, name, StringComparison.OrdinalIgnoreCase));
        var verdict = Hasher.VerifyHashedPassword(match ?? new ConsoleOperator(), match?.PasswordHash ?? DecoyHash, password ?? string.Empty);
        if (match is not null && verdict != PasswordVerificationResult.Failed && ConsoleRoles.Parse(match.Role) is { } role && name.Length > 0)
        {
            _failures.TryRemove(name, out _);
            return SignInResult.Success(match.Username, role);
        }

        var next = _failures.AddOrUpdate(name, _ => new Failures(1, null), (_, f) => f with { Count = f.LockedUntil <= now ? 1 : f.Count + 1, LockedUntil = null });
        if (next.Count >= settings.MaxFailedSignIns)
        {
            var until = now + settings.LockoutDuration;
            _failures[name] = next with { LockedUntil = until };
            return SignInResult.LockedOut(until, justNow: true);
        }

        return SignInResult.Failed;
    }

    /// <summary>A hash for <c>Console:Operators:N:PasswordHash</c> (the <c>hash-password</c> command).</summary>
    public static string Hash(string password) => Hasher.HashPassword(new ConsoleOperator(), password);

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil);
}

/// <summary>How a password sign-in ended.</summary>
public sealed record SignInResult(bool Succeeded, string? Username, string? Role, DateTimeOffset? LockedUntil, bool LockedJustNow)
{
    public static SignInResult Failed { get; } = new(false, null, null, null, false);

    public static SignInResult Success(string username, string role) => new(true, username, role, null, false);

    public static SignInResult LockedOut(DateTimeOffset until, bool justNow = false) => new(false, null, null, until, justNow);
}
