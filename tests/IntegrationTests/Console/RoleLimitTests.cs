using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>A Viewer reads: it may sign out, but any other form it posts to the console is refused (403).</summary>
public sealed class RoleLimitTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task SignOut_PostedByAViewerWithTheToken_SignsOut()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Viewer);
        await using var _ = context;

        await ConsolePages.SignOutAsync(page);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in$"));
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
    }

    [BrowserFact]
    public async Task Post_ByAViewerToAConsolePageWithAValidToken_IsForbidden()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Viewer);
        await using var _ = context;
        await page.GotoAsync("/console/audit");
        var token = new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = await ConsolePages.AntiforgeryTokenAsync(page) };

        var audit = await ConsolePages.PostFormAsync(context, "/console/audit", token);
        var overview = await ConsolePages.PostFormAsync(context, "/console", token);

        Assert.Equal(403, audit.Status);
        Assert.Equal(403, overview.Status);
    }

    [BrowserFact]
    public async Task Post_ByAnOperatorToTheSamePageWithAValidToken_IsNotForbidden()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;
        await page.GotoAsync("/console/audit");
        var token = new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = await ConsolePages.AntiforgeryTokenAsync(page) };

        var audit = await ConsolePages.PostFormAsync(context, "/console/audit", token);

        // Past the role filter and the antiforgery check: the page (which has no post handler of its own) answers.
        Assert.Equal(200, audit.Status);
    }
}
