using Microsoft.Extensions.Options;
using Shield.WebApi.OperatorConsole;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The password check and its lockout, on their own (no host): what an attacker guessing in parallel gets.</summary>
public sealed class OperatorDirectoryTests
{
    private static readonly ConsoleOperator Ada = new() { Username = "ada", PasswordHash = OperatorDirectory.Hash("ada-admin-pass-0001"), Role = ConsoleRoles.Admin };

    [Fact]
    public async Task SignIn_FortyWrongPasswordsAtOnce_ChecksAtMostTheLimit_AndLocksTheName()
    {
        var clock = new Clock();
        var directory = Directory(clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => directory.SignIn("ada", $"guess-{i}"))));

        // A password is checked only for an attempt counted within the limit: the rest are refused as locked at once.
        var checkedAndWrong = results.Count(r => r.LockedUntil is null || r.LockedJustNow);
        Assert.Equal(5, checkedAndWrong);
        Assert.Single(results, r => r.LockedJustNow);
        Assert.False(directory.SignIn("ada", "ada-admin-pass-0001").Succeeded); // the right password too, while locked
    }

    [Fact]
    public void SignIn_AfterTheLockout_AcceptsTheRightPassword_AndAnUnknownNameIsAnsweredAsAWrongPassword()
    {
        var clock = new Clock();
        var directory = Directory(clock);
        var tries = Enumerable.Range(0, 5).Select(_ => directory.SignIn(" ADA ", "wrong")).ToList();

        Assert.Equal([false, false, false, false, true], tries.Select(t => t.LockedJustNow));
        var refused = directory.SignIn("ada", "ada-admin-pass-0001");
        Assert.Equal((false, true), (refused.LockedUntil is null, refused.Report)); // refused though right; written to the audit log once
        Assert.False(directory.SignIn("ada", "ada-admin-pass-0001").Report); // not again in this lockout
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var signedIn = directory.SignIn("Ada", "ada-admin-pass-0001");
        Assert.Equal((true, "ada", ConsoleRoles.Admin), (signedIn.Succeeded, signedIn.Username, signedIn.Role));
        Assert.Equal(SignInResult.Failed, directory.SignIn("nobody", "whatever-it-is"));
    }

    private static OperatorDirectory Directory(TimeProvider clock)
    {
        var options = new ConsoleOptions { MaxFailedSignIns = 5, LockoutDuration = TimeSpan.FromMinutes(15) };
        options.Operators.Add(Ada);
        return new OperatorDirectory(new StaticOptionsMonitor(options), clock);
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    private sealed class StaticOptionsMonitor(ConsoleOptions value) : IOptionsMonitor<ConsoleOptions>
    {
        public ConsoleOptions CurrentValue => value;

        public ConsoleOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConsoleOptions, string?> listener) => null;
    }
}
