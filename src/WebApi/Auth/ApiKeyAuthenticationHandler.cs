using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Shield.WebApi.Auth;

/// <summary>
/// Authenticates client apps by <c>X-Api-Key</c>: the key's SHA-256 is compared with each configured KeyHash in
/// constant time. The key itself is never stored or logged.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptionsMonitor<ApiClientsOptions> clients) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ClientIdClaim = "shield:client_id";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(values[0]!));
        ApiClient? match = null;
        foreach (var client in clients.CurrentValue.Clients)
        {
            // Every configured hash is compared, matched or not, so timing says nothing about which one matched.
            var expected = Convert.FromHexString(client.KeyHash);
            if (CryptographicOperations.FixedTimeEquals(presented, expected))
            {
                match ??= client;
            }
        }

        if (match is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClientIdClaim, match.Id)], SchemeName);
        System.Diagnostics.Activity.Current?.SetTag(Application.Common.Telemetry.ShieldTelemetry.ClientIdAttribute, match.Id); // the request's span: which client (its id, never its key)
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <summary>What a request without a valid key is told (also the OpenAPI document's example).</summary>
    public const string UnauthorizedDetail = $"Send a valid API key in the {HeaderName} header.";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = UnauthorizedDetail,
                Extensions = { ["code"] = "unauthorized" },
            },
        });
    }
}
