using System.ComponentModel.DataAnnotations;

namespace Shield.WebApi.OperatorConsole;

/// <summary>The operator console (<c>Console:*</c>): who may sign in, and how.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>Operators who sign in with a password: the hash comes from <c>dotnet run --project src/WebApi -- hash-password</c>.</summary>
    public List<ConsoleOperator> Operators { get; init; } = [];

    /// <summary>An Operator's refund waits for a different Admin's approval before Daraja is called (maker-checker).</summary>
    public bool RefundApproval { get; set; } = true;

    /// <summary>A session unused this long ends (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Failed password sign-ins in a row before a username is locked out.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public ConsoleOidcOptions Oidc { get; init; } = new();
}

/// <summary>One password operator: <c>{ Username, PasswordHash, Role }</c>.</summary>
public sealed class ConsoleOperator
{
    public string Username { get; set; } = string.Empty;

    /// <summary>ASP.NET Core Identity's PasswordHasher format (never a plain password).</summary>
    public string PasswordHash { get; set; } = string.Empty;

    /// <summary>Viewer, Operator or Admin.</summary>
    public string Role { get; set; } = ConsoleRoles.Viewer;
}

/// <summary>Single sign-on with an OpenID Connect provider (<c>Console:Oidc:*</c>); off unless Authority is set.</summary>
public sealed class ConsoleOidcOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim whose values name the console role (Viewer, Operator, Admin).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Whether the provider's metadata must be fetched over https (turn off only for a provider on loopback).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
