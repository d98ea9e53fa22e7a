namespace Shield.WebApi.Errors;

/// <summary>Stable problem codes that do not come from an Application error (those carry their own).</summary>
internal static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string InvalidJson = "invalid_json";
    public const string UnknownField = "unknown_field";
    public const string MalformedCallback = "malformed_callback";
    public const string CallbackSourceNotAllowed = "callback_source_not_allowed";
    public const string DatabaseUnavailable = "database_unavailable";
    public const string Conflict = "concurrency_conflict";
    public const string Internal = "internal_error";

    /// <summary>The code of a problem the framework produced (404 for an unknown route, 405, 415...).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status406NotAcceptable => "not_acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable",
        _ => Internal,
    };

    /// <summary>What a framework problem (no detail of its own) tells the client to do.</summary>
    public static string? DetailForStatus(int? status, string method) => status switch
    {
        StatusCodes.Status404NotFound => "There is nothing at this address. The API is described at /docs (OpenAPI: /openapi/v1.json).",
        StatusCodes.Status405MethodNotAllowed => $"This address does not take {method}. The API is described at /docs.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON in UTF-8, with the header Content-Type: application/json (charset, if any, utf-8).",
        _ => null,
    };
}
