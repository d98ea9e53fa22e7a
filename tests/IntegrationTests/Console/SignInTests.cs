using Microsoft.Playwright;
using Shield.Application.OperatorConsole.Contracts;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// Password sign-in, lockout and sign-out in chromium, as an operator does them. The tests of this class share one
/// host; only the lockout test uses <see cref="ConsoleOperators.Operator"/> (it stays locked for 15 minutes).
/// </summary>
public sealed class SignInTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private const string WrongPassword = "The username or password is wrong.";
    private const string LockedOut = "Too many failed sign-ins: this username is locked for a while. Try again later, or ask an Admin.";

    [BrowserFact]
    public async Task SignIn_WithTheRightPassword_LandsOnTheOverviewWithTheOperatorsNameAndRole()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync(ConsolePages.SignIn);
        await Screens.TakeAsync(page, "sign-in");

        await ConsolePages.SignInAsync(page, ConsoleOperators.Admin);

        await Expect(page).ToHaveURLAsync(new Uri(console.App.BaseUrl, "console").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overview");
        await Expect(page.Locator("header .who")).ToContainTextAsync("operator:ada (Admin)");
        var entry = Assert.Single(await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Admin.Actor, Action: "sign_in")));
        Assert.Equal("ada", entry.ObjectId);
    }

    [BrowserFact]
    public async Task SignIn_AsDevelopmentsDemoOperator_LandsOnTheOverviewAsAdmin()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        await ConsolePages.SignInAsync(page, ConsoleOperators.DemoAdmin);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Overview");
        await Expect(page.Locator("header .who")).ToContainTextAsync("operator:admin (Admin)");
    }

    [BrowserFact]
    public async Task SignIn_WithAWrongPassword_ShowsTheErrorAndStaysSignedOut()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        var response = await ConsolePages.SignInAsync(page, ConsoleOperators.Viewer.Username, "not-the-password");

        Assert.Equal(401, response.Status);
        await Expect(page.Locator("#sign-in-problem")).ToHaveTextAsync(WrongPassword);
        await Expect(page.Locator("#username")).ToHaveValueAsync(ConsoleOperators.Viewer.Username);
        await Expect(page.Locator("#password")).ToHaveValueAsync(string.Empty);
        await Screens.TakeAsync(page, "sign-in-wrong-password");
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
    }

    [BrowserFact]
    public async Task SignIn_AfterFiveFailures_IsLockedOutEvenWithTheRightPasswordAndTheAuditLogShowsIt()
    {
        var locked = ConsoleOperators.Operator;
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        for (var failure = 1; failure <= 4; failure++)
        {
            var refused = await ConsolePages.SignInAsync(page, locked.Username, "wrong-password-" + failure);
            Assert.Equal(401, refused.Status);
            await Expect(page.Locator("#sign-in-problem")).ToHaveTextAsync(WrongPassword);
        }

        var fifth = await ConsolePages.SignInAsync(page, locked.Username, "wrong-password-5");
        Assert.Equal(429, fifth.Status);
        await Expect(page.Locator("#sign-in-problem")).ToHaveTextAsync(LockedOut);
        var right = await ConsolePages.SignInAsync(page, locked);
        Assert.Equal(429, right.Status);
        await Expect(page.Locator("#sign-in-problem")).ToHaveTextAsync(LockedOut);
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "shield.console");

        var (adminContext, admin) = await console.SignedInPageAsync(ConsoleOperators.Admin);
        await using var __ = adminContext;
        await admin.GotoAsync("/console/audit");
        await admin.Locator("#actor").FillAsync(locked.Actor);
        await ConsolePages.SubmitAsync(admin, () => admin.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync());
        var rows = admin.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(6);
        var actions = await admin.Locator("table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.Equal(["sign_in.refused_locked", "sign_in.locked_out", "sign_in.failed", "sign_in.failed", "sign_in.failed", "sign_in.failed"], actions);
        Assert.All(await admin.Locator("table tbody tr td:nth-child(2)").AllInnerTextsAsync(), who => Assert.Equal(locked.Actor, who));
        Assert.All(await admin.Locator("table tbody tr td:nth-child(5)").AllInnerTextsAsync(), outcome => Assert.Equal("Refused", outcome));
        await Expect(rows.Nth(1).Locator("td:nth-child(6)")).ToContainTextAsync("locked until");
        await Screens.TakeAsync(admin, "audit-log");
    }

    [BrowserFact]
    public async Task SignOut_FromTheHeader_EndsTheSessionAndIsAudited()
    {
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.SecondAdmin);
        await using var _ = context;

        await ConsolePages.SignOutAsync(page);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in$"));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "shield.console");
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        Assert.Single(await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.SecondAdmin.Actor, Action: "sign_out")));
    }

    [BrowserFact]
    public async Task AuditPage_WhenSignedOut_RedirectsToSignInAndBackAfterIt()
    {
        var (context, page) = await console.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/console/audit");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in\\?ReturnUrl=%2Fconsole%2Faudit$"));
        await Expect(page.Locator("header nav")).ToHaveCountAsync(0);
        await ConsolePages.SignInAsync(page, ConsoleOperators.Viewer);
        await Expect(page).ToHaveURLAsync(new Uri(console.App.BaseUrl, "console/audit").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit log");
    }
}
