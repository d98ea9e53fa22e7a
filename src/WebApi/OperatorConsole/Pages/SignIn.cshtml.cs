using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Shield.Domain.OperatorConsole;

namespace Shield.WebApi.OperatorConsole.Pages;

/// <summary>Password sign-in for <c>Console:Operators</c> (and the single sign-on link when OIDC is set).</summary>
public sealed class SignInModel(OperatorDirectory operators, ConsoleActions audit, IServiceProvider services) : ConsolePage
{
    public string? Message { get; private set; }

    public string? Username { get; private set; }

    public string? ReturnUrl { get; private set; }

    public bool SingleSignOn => services.SingleSignOn();

    public void OnGet(string? returnUrl, string? failed)
    {
        ReturnUrl = returnUrl;
        Message = failed == "sso" ? "Single sign-on did not sign you in: your account may have no console role." : null;
    }

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? returnUrl)
    {
        var result = operators.SignIn(username, password);
        var actor = "operator:" + (username?.Trim() is { Length: > 0 } name ? name : "?");
        if (result.Succeeded)
        {
            await HttpContext.SignInAsync(ConsoleSetup.CookieScheme, ConsoleSetup.Principal("operator:" + result.Username, result.Role!, "pwd",
                passwordFingerprint: result.Fingerprint),
                new AuthenticationProperties { IsPersistent = false });
            await audit.AuditAsync("sign_in", "operator", result.Username, AuditOutcome.Succeeded, null, actor);
            return LocalRedirect(returnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleSetup.PathBase, StringComparison.OrdinalIgnoreCase)
                ? url : ConsoleSetup.PathBase);
        }

        Username = username;
        ReturnUrl = returnUrl;
        if (result.LockedUntil is { } until)
        {
            if (result.Report)
            {
                await audit.AuditAsync(result.LockedJustNow ? "sign_in.locked_out" : "sign_in.refused_locked", "operator", username?.Trim(), AuditOutcome.Refused,
                    $"locked until {Display.ConsoleText.Time(until)} EAT" + (result.LockedJustNow ? string.Empty : "; later tries in this lockout are not recorded"), actor);
            }
            Message = "Too many failed sign-ins: this username is locked for a while. Try again later, or ask an Admin.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        await audit.AuditAsync("sign_in.failed", "operator", username?.Trim(), AuditOutcome.Refused, "wrong username or password", actor);
        Message = "The username or password is wrong.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
