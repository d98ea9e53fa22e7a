using Microsoft.Playwright;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>What a person does on the console's pages, step by step, in the browser.</summary>
public static class ConsolePages
{
    public const string SignIn = "/console/sign-in";

    /// <summary>The antiforgery form field (Console antiforgery options).</summary>
    public const string AntiforgeryField = "__shield_af";

    /// <summary>Opens the sign-in page (unless on it) and signs in with the password form; returns the answer to the post.</summary>
    public static async Task<IResponse> SignInAsync(IPage page, TestOperator who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return await SignInAsync(page, who.Username, who.Password);
    }

    public static async Task<IResponse> SignInAsync(IPage page, string username, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains(SignIn, StringComparison.Ordinal))
        {
            await page.GotoAsync(SignIn);
        }

        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        return await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync());
    }

    /// <summary>
    /// Does <paramref name="action"/> (a click that submits a form or follows a link) and waits until the next document
    /// has loaded; returns the answer to the first request of that navigation (a redirect's own status, not its target's).
    /// </summary>
    public static async Task<IResponse> SubmitAsync(IPage page, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync("() => { window.__shieldOldDocument = true; }");
        var response = await page.RunAndWaitForResponseAsync(action, r => r.Request.IsNavigationRequest && r.Frame == page.MainFrame);
        await page.WaitForFunctionAsync("() => window.__shieldOldDocument === undefined && document.readyState !== 'loading'");
        return response;
    }

    /// <summary>Clicks "Sign out" in the header.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await SubmitAsync(page, () => page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync());
    }

    /// <summary>The antiforgery token of a form on the page (every console form carries one; the header's sign-out form when signed in).</summary>
    public static async Task<string> AntiforgeryTokenAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var token = await page.Locator($"form input[name={AntiforgeryField}]").First.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(token), "the page's form has no antiforgery token");
        return token!;
    }

    /// <summary>Posts a form from the browser context (its cookies, no page script), without following redirects.</summary>
    public static async Task<IAPIResponse> PostFormAsync(IBrowserContext context, string path, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fields);
        var form = context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return await context.APIRequest.PostAsync(path, new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
    }

    /// <summary>The inputs, selects and text areas of the page that have no label (label[for], a wrapping label, aria-label or aria-labelledby).</summary>
    public static async Task<(int Fields, IReadOnlyList<string> Unlabelled)> UnlabelledFieldsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var found = await page.EvaluateAsync<string[]>("""
            () => {
              const fields = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')];
              const unlabelled = fields.filter(f => !(f.labels && [...f.labels].some(l => l.textContent.trim().length > 0))
                && !(f.getAttribute('aria-label') || '').trim()
                && !(f.getAttribute('aria-labelledby') || '').split(/\s+/).some(id => id && document.getElementById(id)));
              return [String(fields.length), ...unlabelled.map(f => f.id || f.name || f.outerHTML)];
            }
            """);
        return (int.Parse(found[0], System.Globalization.CultureInfo.InvariantCulture), found[1..]);
    }
}
