using System.Globalization;
using System.Text.Json;
using Shield.Baseline.Json;

namespace Shield.Baseline.Payments;

/// <summary>POST /api/v1/payments, GET /api/v1/payments/{id}, GET /api/v1/payments: X-Api-Key, then the work.</summary>
internal sealed class PaymentEndpoints(SecretHash apiKey, Initiation initiation, PaymentQueries queries)
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const int MaxPageSize = 100;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/payments", InitiateAsync);
        app.MapGet("/api/v1/payments/{id:guid}", GetAsync);
        app.MapGet("/api/v1/payments", ListAsync);
    }

    private async Task InitiateAsync(HttpContext context)
    {
        if (!Authenticated(context))
        {
            await Problems.UnauthorizedAsync(context);
            return;
        }

        InitiateRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(BaselineJsonContext.Default.InitiateRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "malformed_json", "The body is not valid JSON for this request.");
            return;
        }
        catch (InvalidOperationException)
        {
            await Problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Send the body as application/json.");
            return;
        }

        if (RequestRules.Check(request) is { } errors)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_failed", $"Check {string.Join(", ", errors.Keys)}.",
                errors: errors, title: "The request is not valid.");
            return;
        }

        var description = request!.Description?.Trim() ?? RequestRules.DefaultDescription;
        var result = await initiation.RunAsync(request.PhoneNumber!.Trim(), (int)request.Amount!.Value, request.AccountReference!.Trim(), description,
            context.RequestAborted);
        if (result.Payment is not { } payment)
        {
            if (result.Status == StatusCodes.Status409Conflict)
            {
                context.Response.Headers.RetryAfter = "30";
            }

            await Problems.WriteAsync(context, result.Status, result.Code!, result.Detail!, result.PaymentId);
            return;
        }

        var http = context.Request;
        context.Response.Headers.Location = string.Concat(http.Scheme, "://", http.Host.Value, http.PathBase.Value, "/api/v1/payments/",
            payment.Id.ToString());
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsJsonAsync(payment, BaselineJsonContext.Default.PaymentView, cancellationToken: context.RequestAborted);
    }

    private async Task GetAsync(HttpContext context)
    {
        if (!Authenticated(context))
        {
            await Problems.UnauthorizedAsync(context);
            return;
        }

        var id = Guid.Parse((string)context.Request.RouteValues["id"]!, CultureInfo.InvariantCulture);
        if (await queries.GetAsync(id, context.RequestAborted) is not { } payment)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "payment_not_found", $"No payment {id} was found.");
            return;
        }

        await context.Response.WriteAsJsonAsync(payment, BaselineJsonContext.Default.PaymentView, cancellationToken: context.RequestAborted);
    }

    private async Task ListAsync(HttpContext context)
    {
        if (!Authenticated(context))
        {
            await Problems.UnauthorizedAsync(context);
            return;
        }

        var page = ReadInt(context, "page", 1);
        var pageSize = ReadInt(context, "pageSize", 20);
        if (page is not >= 1 || pageSize is not (>= 1 and <= MaxPageSize))
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "validation_failed", "Pages start at 1; the page size is from 1 to 100.",
                title: "The request is not valid.");
            return;
        }

        var result = await queries.ListAsync(page.Value, pageSize.Value, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(result, BaselineJsonContext.Default.PageView, cancellationToken: context.RequestAborted);
    }

    private bool Authenticated(HttpContext context) =>
        context.Request.Headers.TryGetValue(ApiKeyHeader, out var values) && values.Count == 1 && apiKey.Matches(values[0]);

    /// <summary>The query value as an int, <paramref name="fallback"/> when absent, null when not a number.</summary>
    private static int? ReadInt(HttpContext context, string name, int fallback) =>
        context.Request.Query.TryGetValue(name, out var values)
            ? int.TryParse(values.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null
            : fallback;
}
