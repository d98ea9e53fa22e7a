using Microsoft.AspNetCore.Mvc;
using Shield.Domain.Common;

namespace Shield.WebApi.Errors;

/// <summary>Maps expected failures (<see cref="Error"/>) to RFC 9457 problems, one HTTP status per error type.</summary>
internal static class ErrorProblems
{
    public static int StatusFor(ErrorType type) => type switch
    {
        ErrorType.Validation => StatusCodes.Status400BadRequest,
        ErrorType.NotFound => StatusCodes.Status404NotFound,
        ErrorType.Conflict => StatusCodes.Status409Conflict,
        ErrorType.Mismatch => StatusCodes.Status422UnprocessableEntity,
        ErrorType.UpstreamRejected => StatusCodes.Status502BadGateway,
        ErrorType.UpstreamUnavailable or ErrorType.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorType.UpstreamTimeout => StatusCodes.Status504GatewayTimeout,
        ErrorType.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorType.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ObjectResult ToProblem(this ControllerBase controller, Error error, Guid? paymentId = null)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(error);
        var status = StatusFor(error.Type);
        var problem = controller.ProblemDetailsFactory.CreateProblemDetails(controller.HttpContext, status, detail: error.Message);
        problem.Extensions["code"] = error.Code;
        if (paymentId is { } id)
        {
            problem.Extensions["paymentId"] = id;
        }

        if (error.Fields is { } fields)
        {
            problem.Extensions["fields"] = fields;
        }

        if (error.RetryAfterSeconds is { } seconds)
        {
            controller.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}
