using Microsoft.AspNetCore.WebUtilities;
using Shield.Baseline.Json;

namespace Shield.Baseline;

/// <summary>RFC 9457 problems with Shield's <c>code</c>, as application/problem+json.</summary>
internal static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string code, string detail, Guid? paymentId = null,
        IReadOnlyDictionary<string, string[]>? errors = null, string? title = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemView(TypeFor(status), title ?? ReasonPhrases.GetReasonPhrase(status), status, detail,
            context.Request.Path.Value ?? string.Empty, code, paymentId, errors);
        return context.Response.WriteAsJsonAsync(problem, BaselineJsonContext.Default.ProblemView, "application/problem+json", context.RequestAborted);
    }

    public static Task UnauthorizedAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "Send a valid API key in the X-Api-Key header.");

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        504 => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
