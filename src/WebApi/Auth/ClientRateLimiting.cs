using System.Globalization;
using System.Threading.RateLimiting;
using Shield.Application.Common.Telemetry;
using Shield.Infrastructure.RateLimiting;
using Shield.WebApi.Errors;

namespace Shield.WebApi.Auth;

/// <summary>
/// RateLimits:ClientRequestsPerMinute with ASP.NET Core's limiter: one fixed window per client, 429 + Retry-After beyond
/// it; counted for the whole fleet with Cache:Redis (<see cref="ClientRequestLimiters"/>).
/// </summary>
internal static class ClientRateLimiting
{
    public const string Policy = "per-client";

    /// <summary>What a client over its limit is told (also the OpenAPI document's example).</summary>
    public const string RejectedDetail = "Too many requests from this client (RateLimits:ClientRequestsPerMinute). Try again after Retry-After seconds.";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context =>
            {
                var client = context.User.FindClientId() ?? $"ip:{context.Connection.RemoteIpAddress}";
                return context.RequestServices.GetRequiredService<ClientRequestLimiters>().Partition(client);
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<ShieldMetrics>().RateLimited(ClientRequestLimiters.LimitName, ClientRequestLimiters.ScopeOf(context.Lease));
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = RejectedDetail,
                        Extensions = { ["code"] = ProblemCodes.ForStatus(StatusCodes.Status429TooManyRequests) },
                    },
                });
            };
        });
}
