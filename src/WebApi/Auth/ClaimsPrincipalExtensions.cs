using System.Security.Claims;
using Shield.Domain.Payments;

namespace Shield.WebApi.Auth;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated client's id; only called behind [Authorize].</summary>
    public static ClientId GetClientId(this ClaimsPrincipal user) =>
        new(user.FindFirst(ApiKeyAuthenticationHandler.ClientIdClaim)?.Value
            ?? throw new InvalidOperationException("The request is not authenticated."));
}
