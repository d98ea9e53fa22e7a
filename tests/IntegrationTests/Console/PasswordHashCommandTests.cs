using System.Diagnostics;
using System.Net;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// <c>dotnet run --project src/WebApi -- hash-password</c> as an operator runs it (the built WebApi, the password on
/// standard input): the printed hash, configured as Console:Operators:N:PasswordHash, signs in with that password.
/// </summary>
public sealed class PasswordHashCommandTests
{
    [Fact]
    public async Task HashPassword_PrintedHash_SignsInWithThatPassword()
    {
        const string password = "carol-correct-horse-01";

        var (exitCode, output, errors) = await RunAsync(password);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, errors);
        var hash = output.Trim();
        Assert.DoesNotContain(password, hash, StringComparison.Ordinal);
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Console:Operators:1:Username"] = "carol",
            ["Console:Operators:1:PasswordHash"] = hash,
            ["Console:Operators:1:Role"] = "Operator",
        });
        using var forms = new ConsoleForms(app);
        using var wrong = await forms.SignInAsync("carol", password + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var right = await forms.SignInAsync("carol", password);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/console", right.Headers.Location?.OriginalString);
        Assert.StartsWith("shield.console=", forms.SetCookie("shield.console"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashPassword_ShorterThanTwelveCharacters_IsRefusedWithoutAHash()
    {
        var (exitCode, output, errors) = await RunAsync("short-pass");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("at least 12 characters", errors, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string password)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ShieldProcess.WebApiDll);
        start.ArgumentList.Add("hash-password");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(password);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
