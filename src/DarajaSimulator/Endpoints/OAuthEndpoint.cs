using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Tokens;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary><c>GET /oauth/v1/generate?grant_type=client_credentials</c> with HTTP Basic credentials (REFERENCE.md §1.2–1.5).</summary>
internal sealed class OAuthEndpoint
{
    public const string Path = "/oauth/v1/generate";

    /// <summary>Observed live as a JSON string; the token itself lives 3600 s.</summary>
    private const string ExpiresIn = "3599";

    private const string BasicScheme = "Basic ";

    private readonly TokenStore _tokens;
    private readonly DarajaSimulatorJournal _journal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OAuthEndpoint> _logger;
    private readonly byte[] _expectedCredentials;

    public OAuthEndpoint(
        TokenStore tokens,
        DarajaSimulatorJournal journal,
        TimeProvider timeProvider,
        IOptions<DarajaSimulatorOptions> options,
        ILogger<OAuthEndpoint> logger)
    {
        _tokens = tokens;
        _journal = journal;
        _timeProvider = timeProvider;
        _logger = logger;
        _expectedCredentials = Encoding.UTF8.GetBytes(options.Value.ConsumerKey + ":" + options.Value.ConsumerSecret);
    }

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _journal.Record(new SimulatedRequest(request.Method, Path, null, _timeProvider.GetUtcNow()));

        IResult result;
        if (!HasValidCredentials(request))
        {
            result = Reject(DarajaRejections.InvalidAuthentication);
        }
        else if (!IsClientCredentialsGrant(request))
        {
            result = Reject(DarajaRejections.InvalidGrantType);
        }
        else
        {
            var token = _tokens.Issue();
            Log.TokenIssued(_logger);
            result = Results.Json(new TokenResponse(token, ExpiresIn), SimulatorJsonContext.Default.TokenResponse);
        }

        return result.ExecuteAsync(context);
    }

    private IResult Reject(DarajaRejection rejection)
    {
        Log.RequestRejected(_logger, Path, rejection.ErrorCode, rejection.ErrorMessage);
        return rejection.ToResult();
    }

    private bool HasValidCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(value[BasicScheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, _expectedCredentials);
    }

    private static bool IsClientCredentialsGrant(HttpRequest request) =>
        request.Query.TryGetValue("grant_type", out var grantType)
        && grantType.Count == 1
        && string.Equals(grantType[0], "client_credentials", StringComparison.Ordinal);
}
