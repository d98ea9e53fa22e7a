using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Shield.Infrastructure.OperatorConsole;

namespace Shield.WebApi.OperatorConsole;

/// <summary>
/// The operator console (issue 16): Razor Pages under <c>/console</c>, on a cookie scheme of its own (never the API
/// keys), with antiforgery on every form, and OpenID Connect when <c>Console:Oidc:Authority</c> is set.
/// </summary>
public static class ConsoleSetup
{
    public const string CookieScheme = "Console";
    public const string OidcScheme = "ConsoleOidc";
    public const string PathBase = "/console";

    public static IServiceCollection AddShieldConsole(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.Operators.All(op => ConsoleRoles.Parse(op.Role) is not null && !string.IsNullOrWhiteSpace(op.Username)
                && !string.IsNullOrWhiteSpace(op.PasswordHash)),
                "Each Console:Operators entry has a Username, a PasswordHash (from the hash-password command) and a Role (Viewer, Operator or Admin).")
            .Validate(o => !o.Oidc.Enabled || (!string.IsNullOrWhiteSpace(o.Oidc.ClientId) && !string.IsNullOrWhiteSpace(o.Oidc.RoleClaim)),
                "Console:Oidc:Authority is set, so Console:Oidc:ClientId and Console:Oidc:RoleClaim are needed too.")
            .ValidateOnStart();
        services.AddSingleton<OperatorDirectory>();
        services.AddScoped<ConsoleActions>();
        services.AddConsoleKeyRing();

        var development = environment.IsDevelopment();
        var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var console = configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/OperatorConsole/Pages";
            // Every page names its whole route (@page "/console/...").
            o.Conventions.AuthorizeFolder("/", ConsolePolicies.Viewer);
            o.Conventions.AllowAnonymousToPage("/SignIn");
            // Posted forms are checked for the antiforgery token; any post by a Viewer is refused (403) before its handler.
            o.Conventions.ConfigureFilter(new ConsoleActionFilter());
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "shield.console.af";
            o.Cookie.Path = PathBase;
            o.Cookie.SecurePolicy = secure;
            o.FormFieldName = "__shield_af";
        });

        var authentication = services.AddAuthentication().AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "shield.console";
            o.Cookie.Path = PathBase;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.ExpireTimeSpan = console.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = PathBase + "/sign-in";
            o.LogoutPath = PathBase + "/sign-out";
            o.AccessDeniedPath = PathBase + "/sign-in";
            o.Events.OnValidatePrincipal = ValidateSessionAsync;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToLogin = context =>
            {
                if (!HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });

        if (console.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcScheme, o =>
            {
                o.SignInScheme = CookieScheme;
                o.Authority = console.Oidc.Authority;
                o.ClientId = console.Oidc.ClientId;
                o.ClientSecret = console.Oidc.ClientSecret;
                o.RequireHttpsMetadata = console.Oidc.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.CallbackPath = PathBase + "/signin-oidc";
                o.SignedOutCallbackPath = PathBase + "/signout-callback-oidc";
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.Scope.Add("roles");
                o.GetClaimsFromUserInfoEndpoint = false;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                // The provider answers with a redirect (a top-level GET), so the correlation and nonce cookies can be
                // SameSite=Lax: the default form post needs SameSite=None, which a browser drops unless Secure, so single
                // sign-on could not work over http in Development.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = secure;
                o.NonceCookie.SecurePolicy = secure;
                o.CorrelationCookie.Path = PathBase;
                o.NonceCookie.Path = PathBase;
                o.Events.OnTokenValidated = async context =>
                {
                    // The console's own identity: its name and one role from the provider's role claim, or no sign-in.
                    var claims = context.Principal!;
                    var role = claims.FindAll(console.Oidc.RoleClaim).Select(c => ConsoleRoles.Parse(c.Value)).Where(r => r is not null)
                        .OrderByDescending(r => ConsoleRoles.All.ToList().IndexOf(r!)).FirstOrDefault();
                    var name = claims.FindFirst("preferred_username")?.Value ?? claims.FindFirst("email")?.Value ?? claims.FindFirst("sub")?.Value;
                    var audit = context.HttpContext.RequestServices.GetRequiredService<ConsoleActions>();
                    // The person is the provider's subject: a display name can be changed (and reused) at many providers,
                    // and maker-checker compares who asked with who approves.
                    var subject = claims.FindFirst("sub")?.Value;
                    var actor = "oidc:" + (string.IsNullOrWhiteSpace(subject) ? "?" : subject);
                    if (role is null || string.IsNullOrWhiteSpace(subject))
                    {
                        await audit.AuditAsync("sign_in.failed", "operator", name, Domain.OperatorConsole.AuditOutcome.Refused, "single sign-on: no console role", actor);
                        context.Fail("The identity provider gave this person no console role.");
                        return;
                    }

                    context.Principal = Principal(actor, role, "oidc", name);
                    await audit.AuditAsync("sign_in", "operator", name, Domain.OperatorConsole.AuditOutcome.Succeeded, $"single sign-on as {role}", actor);
                };
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect(PathBase + "/sign-in?failed=sso");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorization(o =>
        {
            o.AddPolicy(ConsolePolicies.Viewer, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(ConsoleRoles.All));
            o.AddPolicy(ConsolePolicies.Operator, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(ConsoleRoles.Operator, ConsoleRoles.Admin));
            o.AddPolicy(ConsolePolicies.Admin, p => p.AddAuthenticationSchemes(CookieScheme).RequireRole(ConsoleRoles.Admin));
        });
        return services;
    }

    /// <summary>The console's principal: its name (as the audit log shows it) and its role.</summary>
    public static ClaimsPrincipal Principal(string actor, string role, string method, string? displayName = null, string? passwordFingerprint = null) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor), new Claim(ClaimTypes.Role, role), new Claim("amr", method), new Claim(DisplayNameClaim, displayName ?? actor),
             new Claim(SignedInAtClaim, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new Claim(PasswordClaim, passwordFingerprint ?? string.Empty)],
            CookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    private const string PasswordClaim = "shield_password";

    /// <summary>The name people read in the header (the actor of a single sign-on is the provider's subject).</summary>
    public const string DisplayNameClaim = "shield_display_name";

    private const string SignedInAtClaim = "shield_signed_in_at";

    /// <summary>A session slides with use, but ends this long after its sign-in whatever happens.</summary>
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromHours(12);

    /// <summary>
    /// Each request re-checks the session: older than <see cref="MaxSessionLength"/>, or a password operator removed from
    /// Console:Operators, given another role or a new password since signing in, and it ends (sign in again).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var signedIn = long.TryParse(principal.FindFirst(SignedInAtClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MinValue;
        var stillValid = DateTimeOffset.UtcNow - signedIn <= MaxSessionLength;
        if (stillValid && principal.FindFirst("amr")?.Value == "pwd")
        {
            var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<ConsoleOptions>>().CurrentValue;
            var username = principal.Identity?.Name?.StartsWith("operator:", StringComparison.Ordinal) == true ? principal.Identity.Name["operator:".Length..] : null;
            var fingerprint = principal.FindFirst(PasswordClaim)?.Value;
            stillValid = options.Operators.Any(o => string.Equals(o.Username, username, StringComparison.OrdinalIgnoreCase)
                && principal.IsInRole(ConsoleRoles.Parse(o.Role) ?? "-") && OperatorDirectory.Fingerprint(o.PasswordHash) == fingerprint);
        }

        if (!stillValid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
        }
    }

    public static WebApplication MapShieldConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        app.MapGet(PathBase + "/sso", (HttpContext context) => Results.Challenge(new AuthenticationProperties { RedirectUri = PathBase },
            [OidcScheme])).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>True when the OIDC scheme was registered (Console:Oidc:Authority set).</summary>
    public static bool SingleSignOn(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Oidc.Enabled;
}
