using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Shield.WebApi.OperatorConsole;

/// <summary>
/// A Viewer reads and never acts: any form posted by one (other than signing in or out) is refused with 403 before
/// its handler runs, whether or not the page showed a button. Admin-only handlers check <see cref="ConsoleRoles.IsAdmin"/> too.
/// </summary>
public sealed class ConsoleActionFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var page = context.ActionDescriptor.ViewEnginePath;
        var user = context.HttpContext.User;
        var acting = !HttpMethods.IsGet(context.HttpContext.Request.Method) && page is not ("/SignIn" or "/SignOut");
        var adminOnly = context.HandlerMethod?.MethodInfo.IsDefined(typeof(AdminOnlyAttribute), inherit: false) == true;
        if ((acting && !user.CanAct()) || (adminOnly && !user.IsAdmin()))
        {
            // Refused, and recorded: trying is worth knowing about too.
            var audit = context.HttpContext.RequestServices.GetRequiredService<ConsoleActions>();
            try
            {
                await audit.AuditAsync("forbidden", "page", page, Domain.OperatorConsole.AuditOutcome.Refused,
                    $"{context.HttpContext.Request.Method} {page} {context.HandlerMethod?.Name} (role {(user.IsAdmin() ? ConsoleRoles.Admin : user.CanAct() ? ConsoleRoles.Operator : ConsoleRoles.Viewer)})");
            }
            catch (Application.Common.Persistence.DatabaseUnavailableException)
            {
                // Refused all the same: the refusal does not wait for the audit log.
            }

            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        await next();
    }
}

/// <summary>A page handler only an Admin may run (approving a refund, revealing a phone); anyone else gets 403, audited.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AdminOnlyAttribute : Attribute;

/// <summary>The base of the console's pages: who is signed in, and what they may do.</summary>
public abstract class ConsolePage : PageModel
{
    public bool CanAct => User.CanAct();

    public bool IsAdmin => User.IsAdmin();

    public string Actor => User.Actor();

    /// <summary>A message for the person after an action (shown once, at the top of the page).</summary>
    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    /// <summary>A client id typed into a filter, or null when it is empty or not one.</summary>
    protected static Domain.Common.ClientId? ClientOrNull(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim().Length > Domain.Common.ClientId.MaxLength ? null : new Domain.Common.ClientId(value.Trim());

    /// <summary>Tells the person, on the next page, how their action ended.</summary>
    protected void Say<T>(ActionOutcome<T> outcome, string done)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Error is { } error)
        {
            Problem = $"{error.Message} ({error.Code})";
        }
        else
        {
            Notice = done;
        }
    }

}
