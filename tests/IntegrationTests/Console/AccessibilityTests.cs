using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>Keyboard use and labels, as a person with a keyboard or a screen reader meets the pages.</summary>
public sealed class AccessibilityTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task SkipLink_OnTheSignInPage_IsTheFirstTabStopAndMovesFocusToMain()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync(ConsolePages.SignIn);

        await SkipToMainAsync(page);
    }

    [BrowserFact]
    public async Task SkipLink_OnTheAuditPage_IsTheFirstTabStopAndMovesFocusToMain()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Viewer);
        await using var _ = context;
        await page.GotoAsync("/console/audit");

        await SkipToMainAsync(page);

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#actor")).ToBeFocusedAsync();
    }

    [BrowserFact]
    public async Task Fields_OnTheSignInAndAuditPages_EachHaveALabel()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync(ConsolePages.SignIn);
        var signIn = await ConsolePages.UnlabelledFieldsAsync(page);
        await ConsolePages.SignInAsync(page, ConsoleOperators.Viewer);
        await page.GotoAsync("/console/audit");
        var audit = await ConsolePages.UnlabelledFieldsAsync(page);

        Assert.Equal(2, signIn.Fields);
        Assert.Empty(signIn.Unlabelled);
        Assert.Equal(5, audit.Fields);
        Assert.Empty(audit.Unlabelled);
        await Expect(page.GetByLabel("Person")).ToHaveAttributeAsync("id", "actor");
        await Expect(page.GetByLabel("From")).ToHaveAttributeAsync("type", "date");
    }

    private static async Task SkipToMainAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main#main")).ToBeFocusedAsync();
    }
}
