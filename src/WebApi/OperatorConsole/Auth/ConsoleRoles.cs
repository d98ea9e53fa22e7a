using System.Security.Claims;

namespace Shield.WebApi.OperatorConsole;

/// <summary>The console's roles, each with everything the one before may do.</summary>
public static class ConsoleRoles
{
    /// <summary>Reads; phone numbers masked.</summary>
    public const string Viewer = "Viewer";

    /// <summary>Plus the actions: verify, retry, refund, resolve, apply a callback, redeliver.</summary>
    public const string Operator = "Operator";

    /// <summary>Plus approving refunds and revealing a full phone number (audited).</summary>
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    /// <summary>The role with this name in any case, or null.</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(r => string.Equals(r, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static bool CanAct(this ClaimsPrincipal user) => user.IsInRole(Operator) || user.IsInRole(Admin);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Admin);

    /// <summary>Who, as the audit log and the commands' "by" name them: <c>operator:alice</c> or <c>oidc:alice@example.com</c>.</summary>
    public static string Actor(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}

/// <summary>The console's authorization policies (on its own cookie scheme, never the API key).</summary>
public static class ConsolePolicies
{
    public const string Viewer = "console.viewer";
    public const string Operator = "console.operator";
    public const string Admin = "console.admin";
}
