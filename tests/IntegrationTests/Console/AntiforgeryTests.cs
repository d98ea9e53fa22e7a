using Shield.Application.OperatorConsole.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// A form posted without the console's antiforgery token (as another site could make a signed-in browser post it) is
/// refused with 400 and changes nothing; the same post with the token taken from a page is accepted.
/// </summary>
public sealed class AntiforgeryTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task SignOut_PostedWithoutTheToken_IsRefusedAndTheSessionGoesOn()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Admin);
        await using var _ = context;

        var refused = await ConsolePages.PostFormAsync(context, "/console/sign-out", new Dictionary<string, string>());

        Assert.Equal(400, refused.Status);
        await page.GotoAsync("/console");
        await Expect(page.Locator("header .who")).ToContainTextAsync("operator:ada (Admin)");
        Assert.Empty(await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Admin.Actor, Action: "sign_out")));

        var accepted = await ConsolePages.PostFormAsync(context, "/console/sign-out",
            new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = await ConsolePages.AntiforgeryTokenAsync(page) });

        Assert.Equal(302, accepted.Status);
        Assert.Single(await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Admin.Actor, Action: "sign_out")));
    }

    [BrowserFact]
    public async Task SignIn_PostedWithoutTheToken_IsRefusedAndSignsNobodyIn()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync(ConsolePages.SignIn);
        var who = ConsoleOperators.Operator;
        var credentials = new Dictionary<string, string> { ["username"] = who.Username, ["password"] = who.Password };

        var refused = await ConsolePages.PostFormAsync(context, ConsolePages.SignIn, credentials);

        Assert.Equal(400, refused.Status);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "shield.console");
        Assert.Empty(await console.AuditAsync(new AuditFilter(Actor: who.Actor)));

        credentials[ConsolePages.AntiforgeryField] = await ConsolePages.AntiforgeryTokenAsync(page);
        var accepted = await ConsolePages.PostFormAsync(context, ConsolePages.SignIn, credentials);

        Assert.Equal(302, accepted.Status);
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "shield.console");
    }
}
