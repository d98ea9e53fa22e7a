namespace Shield.WebApi.Auth;

/// <summary>One client app allowed to call the API: its id and the lowercase hex SHA-256 of its key.</summary>
public sealed class ApiClient
{
    public string Id { get; set; } = string.Empty;

    public string KeyHash { get; set; } = string.Empty;
}
