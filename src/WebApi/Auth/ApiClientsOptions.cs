namespace Shield.WebApi.Auth;

/// <summary>The configuration list <c>ApiClients</c> (ApiClients__0__Id, ApiClients__0__KeyHash, ...).</summary>
public sealed class ApiClientsOptions
{
    public const string SectionName = "ApiClients";

    public IList<ApiClient> Clients { get; } = [];
}
