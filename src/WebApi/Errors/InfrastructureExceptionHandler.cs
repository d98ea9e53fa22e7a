using Microsoft.AspNetCore.Diagnostics;
using Shield.Application.Common.Persistence;

namespace Shield.WebApi.Errors;

/// <summary>
/// Failures that are nobody's bug: the database is down (503, try again later), another writer won a race (409),
/// or the request itself was unreadable or too large (Kestrel's 400/413).
/// </summary>
internal sealed class InfrastructureExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string DatabaseUnavailableDetail = "The database is not available. Nothing was lost; try again shortly.";

    public const string ConflictDetail = "The payment changed while this request was handled. Read it and try again.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, detail) = exception switch
        {
            DatabaseUnavailableException => (StatusCodes.Status503ServiceUnavailable, ProblemCodes.DatabaseUnavailable, DatabaseUnavailableDetail),
            ConcurrencyConflictException => (StatusCodes.Status409Conflict, ProblemCodes.Conflict, ConflictDetail),
            BadHttpRequestException bad => (bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), bad.Message),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}
