using System.Security.Claims;
using Shield.Domain.Common;

namespace Shield.WebApi.Auth;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated client's id; only called behind [Authorize].</summary>
    public static ClientId GetClientId(this ClaimsPrincipal user) =>
        new(user.FindClientId() ?? throw new InvalidOperationException("The request is not authenticated."));

    /// <summary>The client's id, or null when the request is not authenticated.</summary>
    public static string? FindClientId(this ClaimsPrincipal user) => user.FindFirst(ApiKeyAuthenticationHandler.ClientIdClaim)?.Value;
}
