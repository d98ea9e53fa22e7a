using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shield.Infrastructure.Mpesa.Wire;

namespace Shield.Infrastructure.Mpesa;

/// <summary>
/// One Daraja HTTP answer, read defensively: the body may be JSON (success or error shape, on any status), HTML from
/// a gateway, or empty (REFERENCE.md §1.5, §2.6).
/// </summary>
internal sealed class DarajaReply
{
    private static readonly string[] InvalidTokenCodes = ["404.001.03", "401.002.01", "400.003.01"];

    private DarajaReply(HttpStatusCode status, string body, DarajaErrorBody? error)
    {
        Status = status;
        Body = body;
        Error = error;
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    /// <summary>Daraja's requestId/errorCode/errorMessage body, when it sent one (also on HTTP 200).</summary>
    public DarajaErrorBody? Error { get; }

    public bool IsSuccessStatus => (int)Status is >= 200 and < 300;

    /// <summary>Daraja says the token is not (or no longer) valid: refresh once and retry once.</summary>
    public bool IsInvalidToken => Status == HttpStatusCode.Unauthorized
        || (Error?.ErrorCode is { } code && InvalidTokenCodes.Contains(code));

    public static async Task<DarajaReply> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var error = TryRead(body, DarajaJsonContext.Default.DarajaErrorBody) is { ErrorCode.Length: > 0 } e ? e : null;
        return new DarajaReply(response.StatusCode, body, error);
    }

    public T? Read<T>(JsonTypeInfo<T> typeInfo)
        where T : class => TryRead(Body, typeInfo);

    private static T? TryRead<T>(string body, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (body.Length == 0 || body.TrimStart() is not ['{', ..])
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
