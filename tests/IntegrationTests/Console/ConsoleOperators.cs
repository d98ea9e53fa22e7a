using Shield.WebApi.OperatorConsole;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>An operator the tests sign in as: its password in the clear (the host only has its hash).</summary>
public sealed record TestOperator(string Username, string Password, string Role)
{
    /// <summary>As the audit log and the header name it.</summary>
    public string Actor => "operator:" + Username;
}

/// <summary>
/// The console's test operators: a Viewer, an Operator and two Admins (maker-checker needs a second), hashed at test time
/// with the product's own hasher. They are <c>Console:Operators:1..4</c>; entry 0 stays Development's demo admin.
/// </summary>
public static class ConsoleOperators
{
    public static readonly TestOperator Viewer = new("vera", "vera-viewer-pass-01", ConsoleRoles.Viewer);
    public static readonly TestOperator Operator = new("otis", "otis-operator-pass-01", ConsoleRoles.Operator);
    public static readonly TestOperator Admin = new("ada", "ada-admin-pass-0001", ConsoleRoles.Admin);
    public static readonly TestOperator SecondAdmin = new("abel", "abel-admin-pass-001", ConsoleRoles.Admin);

    /// <summary>Development's demo operator (appsettings.Development.json, entry 0).</summary>
    public static readonly TestOperator DemoAdmin = new("admin", "shield-dev-admin", ConsoleRoles.Admin);

    public static IReadOnlyList<TestOperator> All { get; } = [Viewer, Operator, Admin, SecondAdmin];

    private static readonly Lazy<Dictionary<string, string?>> Hashed = new(() =>
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < All.Count; i++)
        {
            settings[$"Console:Operators:{i + 1}:Username"] = All[i].Username;
            settings[$"Console:Operators:{i + 1}:PasswordHash"] = OperatorDirectory.Hash(All[i].Password);
            settings[$"Console:Operators:{i + 1}:Role"] = All[i].Role;
        }

        return settings;
    });

    /// <summary>The <c>Console:Operators:N:*</c> settings for <see cref="All"/>, plus <paramref name="more"/>.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(Hashed.Value);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
