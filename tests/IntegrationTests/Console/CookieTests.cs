using System.Net;
using Shield.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The console's session cookie: script cannot read it, other sites' posts do not carry it, and outside Development it needs https.</summary>
public sealed class CookieTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string ApiKey = "console-cookie-test-key-01";

    [BrowserFact]
    public async Task SessionCookie_AfterSignIn_IsHttpOnlySameSiteLaxOnTheConsolePath()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Viewer);
        await using var _ = context;

        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "shield.console");

        Assert.True(session.HttpOnly);
        Assert.Equal(Microsoft.Playwright.SameSiteAttribute.Lax, session.SameSite);
        Assert.Equal("/console", session.Path);
        Assert.Equal(-1, session.Expires); // a session cookie: the browser forgets it when it closes
        Assert.Null(await page.EvaluateAsync<string?>("() => document.cookie.split('; ').find(c => c.startsWith('shield.console=')) ?? null"));
        await Expect(page.Locator("header .who")).ToContainTextAsync("operator:vera (Viewer)");
    }

    [Fact]
    public async Task SessionCookie_OutsideDevelopment_IsSecure()
    {
        var settings = ConsoleOperators.Settings(Production());
        await using var app = new ShieldApp(settings) { EnvironmentName = "Production" };
        using var forms = new ConsoleForms(app, forwardedHttps: true);

        using var signedIn = await forms.SignInAsync(ConsoleOperators.Admin.Username, ConsoleOperators.Admin.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = forms.SetCookie("shield.console").ToLowerInvariant();
        Assert.Contains("; secure", session, StringComparison.Ordinal);
        Assert.Contains("; httponly", session, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", session, StringComparison.Ordinal);
        Assert.Contains("; path=/console", session, StringComparison.Ordinal);
        Assert.Contains("; secure", forms.SetCookie("shield.console.af").ToLowerInvariant(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A Production host that starts (Hosting/ProductionSettings) on the host's own database, migrated at start, behind a
    /// TLS-terminating proxy on loopback: over plain http a Production host answers the sign-in page with 500 (antiforgery
    /// refuses to issue a Secure-only cookie on an http request).
    /// </summary>
    private static Dictionary<string, string?> Production()
    {
        var settings = Hosting.ProductionSettings.Valid(new Uri("http://127.0.0.1:9/"), Hosting.ProductionSettings.NewSecret(), ApiKey)
            .Where(s => s.Key != "ASPNETCORE_ENVIRONMENT" && !s.Key.StartsWith("Database__", StringComparison.Ordinal)
                && !s.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal))
            .ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => s.Value);
        settings["Mpesa:CallbackBaseUrl"] = "https://pay.example.com";
        settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        settings["Database:MigrateOnStartup"] = "true";
        return settings;
    }
}
