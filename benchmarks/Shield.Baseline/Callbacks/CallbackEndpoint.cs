using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Shield.Baseline.Data;
using Shield.Baseline.Json;
using Shield.Baseline.Rules;

namespace Shield.Baseline.Callbacks;

/// <summary>
/// POST /api/v1/daraja/stk-callback/{secret}: a wrong secret is 404; the raw body (at most 16 KB) is stored first
/// (commit 1), then read and applied (commit 2); Safaricom gets Shield's acknowledgement, or 400 for an unreadable body.
/// </summary>
internal sealed class CallbackEndpoint(Database db, SecretHash secret, CallbackApplier applier)
{
    public const int MaxCallbackBytes = 16 * 1024;
    private const int MaxRemoteAddressLength = 64;

    public void Map(IEndpointRouteBuilder app) => app.MapPost("/api/v1/daraja/stk-callback/{secret}", ReceiveAsync);

    private async Task ReceiveAsync(HttpContext context)
    {
        if (!secret.Matches(context.Request.RouteValues["secret"] as string))
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "Not found.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxCallbackBytes;
        }

        string body;
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException exception)
        {
            await Problems.WriteAsync(context, exception.StatusCode, "bad_request", exception.Message);
            return;
        }

        // A NUL cannot be stored in a PostgreSQL text column: kept as JSON's escape for it, as Shield does.
        if (body.Contains('\0', StringComparison.Ordinal))
        {
            body = body.Replace("\0", "\\u0000", StringComparison.Ordinal);
        }

        var remote = context.Connection.RemoteIpAddress?.ToString();
        if (remote is { Length: > MaxRemoteAddressLength })
        {
            remote = remote[..MaxRemoteAddressLength];
        }

        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using (var insert = Database.Command(connection, Sql.InsertCallback))
        {
            db.AddGuid(insert.Parameters, "@id", id);
            db.AddTime(insert.Parameters, "@now", DateTimeOffset.UtcNow);
            db.AddText(insert.Parameters, "@remote", remote);
            db.AddText(insert.Parameters, "@body", body);
            await db.WriteAsync(insert, context.RequestAborted);
        }

        // Stored: from here on the work is finished even if Safaricom hangs up.
        if (!StkCallbackParser.TryParse(body, out var result))
        {
            await applier.MarkMalformedAsync(connection, id);
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "malformed_callback",
                "The body is not a notification Shield can read. It was stored as received.");
            return;
        }

        if (await applier.ApplyAsync(connection, id, result) == Outcome.Unmatched)
        {
            // The push's answer may have been committed after this callback's lookup: look once more now it is stored.
            await applier.ApplyUnmatchedAsync(connection, result.CheckoutRequestId);
        }

        await context.Response.WriteAsJsonAsync(CallbackAck.Accepted, BaselineJsonContext.Default.CallbackAck, cancellationToken: CancellationToken.None);
    }
}
