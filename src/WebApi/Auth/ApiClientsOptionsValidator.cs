using Microsoft.Extensions.Options;

namespace Shield.WebApi.Auth;

/// <summary>Stops the service at start when no client could ever authenticate, or a key hash is not a SHA-256.</summary>
internal sealed class ApiClientsOptionsValidator : IValidateOptions<ApiClientsOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiClientsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Clients.Count == 0)
        {
            return ValidateOptionsResult.Fail("ApiClients is empty: configure at least one client, e.g. ApiClients__0__Id=shop and ApiClients__0__KeyHash=<lowercase hex SHA-256 of its key>.");
        }

        var failures = new List<string>();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            if (string.IsNullOrWhiteSpace(client.Id) || client.Id.Length > 64)
            {
                failures.Add($"ApiClients:{i}:Id must be 1 to 64 characters.");
            }

            if (client.KeyHash.Length != 64 || !client.KeyHash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                failures.Add($"ApiClients:{i}:KeyHash must be the lowercase hex SHA-256 of the client's key (64 characters), e.g. from `printf %s \"$KEY\" | sha256sum`.");
            }
        }

        if (options.Clients.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != options.Clients.Count)
        {
            failures.Add("ApiClients ids must be unique.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
