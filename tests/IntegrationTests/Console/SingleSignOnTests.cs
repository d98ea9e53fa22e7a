using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// Single sign-on in chromium against a real OpenID Connect provider (OpenIddict): the person clicks "Sign in with
/// single sign-on", picks a user on the provider's page, and comes back signed in as <c>oidc:{name}</c> with the console
/// role named by the provider's role claim (in any case), or, with no console role, not signed in.
/// </summary>
public sealed class SingleSignOnTests(SingleSignOnFixture console) : IClassFixture<SingleSignOnFixture>
{
    [BrowserFact]
    public async Task SingleSignOn_AsAProviderAdmin_EndsSignedInAsTheOidcNameWithAdmin()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        await SignInWithProviderAsync(page, "amina");

        await Expect(page).ToHaveURLAsync(new Uri(console.App.BaseUrl, "console").ToString());
        await Expect(page.Locator("header .who")).ToContainTextAsync("amina (Admin)");
        var request = console.Provider.AuthorizationRequests.Last();
        Assert.Equal("code", request["response_type"]);
        Assert.Equal("S256", request["code_challenge_method"]);
        var session = Assert.Single(await context.CookiesAsync(), c => c.Name == "shield.console");
        Assert.True(session.HttpOnly);
        // The person is the provider's subject (a display name may change): that is who the audit log names.
        Assert.Contains(await console.AuditAsync(new Application.OperatorConsole.Contracts.AuditFilter(Actor: "oidc:sub-amina", Action: "sign_in")),
            e => e.Detail == "single sign-on as Admin");
    }

    [BrowserFact]
    public async Task SingleSignOn_WithTheProviderRoleOperatorInLowerCase_EndsSignedInAsOperator()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        await SignInWithProviderAsync(page, "omari");

        await Expect(page.Locator("header .who")).ToContainTextAsync("omari (Operator)");
    }

    [BrowserFact]
    public async Task SingleSignOn_WithNoConsoleRole_ReturnsToSignInWithTheFailureAndNoSession()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        await SignInWithProviderAsync(page, "nuru");

        Assert.Contains(console.Provider.AuthorizationRequests, r => r.TryGetValue("login", out var login) && login == "nuru");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in\\?failed=sso$"));
        await Expect(page.Locator("#sign-in-problem")).ToHaveTextAsync("Single sign-on did not sign you in: your account may have no console role.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "shield.console");
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
    }

    /// <summary>From the console's sign-in page: the single sign-on link, then the user's link on the provider's page.</summary>
    private async Task SignInWithProviderAsync(IPage page, string user)
    {
        await page.GotoAsync(ConsolePages.SignIn);
        await Screens.TakeAsync(page, "sign-in-sso");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with single sign-on" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(console.Provider.Issuer + "connect/authorize")));
        await page.GetByRole(AriaRole.Link, new() { Name = user, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(console.App.BaseUrl.ToString()) + "console"));
    }
}
