using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Shield.Domain.OperatorConsole;

namespace Shield.WebApi.OperatorConsole.Pages;

public sealed class SignOutModel(ConsoleActions audit) : ConsolePage
{
    public IActionResult OnGet() => Redirect(ConsoleSetup.PathBase);

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.AuditAsync("sign_out", "operator", User.Actor(), AuditOutcome.Succeeded, null);
        await HttpContext.SignOutAsync(ConsoleSetup.CookieScheme);
        return Redirect(ConsoleSetup.PathBase + "/sign-in");
    }
}
