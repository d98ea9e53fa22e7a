using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Shield.DarajaSimulator.Tokens;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>
/// What every bearer-protected Daraja endpoint does first, in Daraja's order: journal the request, check the
/// Authorization header and token, the Content-Type, then parse the body as a JSON object.
/// </summary>
internal sealed class RequestGate
{
    private const string BearerScheme = "Bearer ";

    private readonly TokenStore _tokens;
    private readonly DarajaSimulatorJournal _journal;
    private readonly TimeProvider _timeProvider;

    public RequestGate(TokenStore tokens, DarajaSimulatorJournal journal, TimeProvider timeProvider)
    {
        _tokens = tokens;
        _journal = journal;
        _timeProvider = timeProvider;
    }

    public async Task<GateOutcome> OpenAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var body = await ReadBodyAsync(request, context.RequestAborted);
        _journal.Record(new SimulatedRequest(request.Method, path, body, _timeProvider.GetUtcNow()));

        if (!TryReadBearerToken(request, out var token))
        {
            return GateOutcome.Reject(DarajaRejections.InvalidAuthenticationHeader);
        }

        if (!_tokens.IsValid(token))
        {
            return GateOutcome.Reject(DarajaRejections.InvalidAccessToken);
        }

        // Daraja's real quirk: without a JSON Content-Type it blames the first field (official FAQ 9).
        if (!IsJsonContentType(request.ContentType))
        {
            return GateOutcome.Reject(DarajaRejections.InvalidField("BusinessShortCode"));
        }

        return ParseObject(body);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return text.Length == 0 ? null : text;
    }

    private static bool TryReadBearerToken(HttpRequest request, out string token)
    {
        token = "";
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = value[BearerScheme.Length..].Trim();
        return token.Length > 0 && !token.Any(char.IsWhiteSpace);
    }

    private static bool IsJsonContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && string.Equals(mediaType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase);

    private static GateOutcome ParseObject(string? body)
    {
        if (body is null)
        {
            return GateOutcome.Reject(DarajaRejections.InvalidPayload);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? GateOutcome.Accept(document.RootElement.Clone())
                : GateOutcome.Reject(DarajaRejections.InvalidPayload);
        }
        catch (JsonException)
        {
            return GateOutcome.Reject(DarajaRejections.InvalidPayload);
        }
    }
}
