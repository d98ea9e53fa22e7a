using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// A real OpenID Connect provider (OpenIddict 7.8.0) on Kestrel over loopback (plain http), for the console's single
/// sign-on tests: the authorization code flow with PKCE required, one confidential client (<see cref="ClientId"/>)
/// whose redirect URI is Shield's callback, and a login page that lists the test users: the person picks one by
/// clicking it (the link adds <c>login=NAME</c> to the authorization request). Its storage is a temporary SQLite file.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "shield-console";
    public const string ClientSecret = "shield-console-test-secret-0001";

    /// <summary>The provider's users: each name, with the values of its <c>role</c> claim.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Users = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["amina"] = ["Admin"],
        ["omari"] = ["operator"],
        ["nuru"] = ["accountant"],
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shield-oidc", Guid.NewGuid().ToString("N"));
    private readonly Uri _redirectUri;
    private WebApplication? _app;

    public OidcProvider(int port, Uri redirectUri)
    {
        Issuer = new Uri($"http://127.0.0.1:{port}/");
        _redirectUri = redirectUri;
    }

    public Uri Issuer { get; }

    /// <summary>The authorization requests the provider received (their query strings), in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string?>> AuthorizationRequests { get; } = new();

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_directory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development", ContentRootPath = _directory });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Issuer.Port));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDbContext>(o =>
        {
            o.UseSqlite($"Data Source={Path.Combine(_directory, "provider.db")}");
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(Issuer);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.Email, Scopes.Profile, Scopes.Roles);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize);
        _app.MapPost("/connect/token", (Delegate)TokenAsync);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "Shield console",
                RedirectUris = { _redirectUri },
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                    Permissions.Scopes.Roles,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            });
        }

        await _app.StartAsync();
    }

    /// <summary>The login step: without <c>login</c>, a page listing the users; with it, that user is signed in to the client.</summary>
    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect authorization request.");
        AuthorizationRequests.Enqueue(http.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal));
        var login = (string?)request.GetParameter("login");
        if (login is null || !Users.TryGetValue(login, out var roles))
        {
            var page = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><title>Test provider: sign in</title></head><body><h1>Test provider</h1><ul>");
            foreach (var (name, values) in Users)
            {
                var href = $"{http.Request.Path}{http.Request.QueryString.Add("login", name)}";
                page.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"<li><a href=\"{WebUtility.HtmlEncode(href)}\">{name}</a> (role: {string.Join(", ", values)})</li>");
            }

            return Results.Content(page.Append("</ul></body></html>").ToString(), "text/html");
        }

        var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "sub-" + login).SetClaim(Claims.PreferredUsername, login).SetClaim(Claims.Email, login + "@example.com");
        identity.SetClaims(Claims.Role, [.. roles]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The code exchange: the principal the code was issued for (OpenIddict checked the client, its secret and the PKCE verifier).</summary>
    private static async Task<IResult> TokenAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return result.Principal is { } principal
            ? Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
            : Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: the temp folder is cleaned on its own
        }
    }

    /// <summary>The provider's own storage (applications, authorizations, tokens): nothing of Shield's.</summary>
    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}
