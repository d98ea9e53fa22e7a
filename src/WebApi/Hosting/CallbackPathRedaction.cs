using Microsoft.AspNetCore.Http.Features;
using Shield.WebApi.Auth;

namespace Shield.WebApi.Hosting;

/// <summary>
/// Keeps the callback secret out of every log line, trace and problem body, whatever the logging configuration.
/// Safaricom's callbacks are unsigned, so their URLs carry a secret as the last path segment:
/// <c>api/v1/daraja/stk-callback/{secret}</c>, <c>api/v1/daraja/transaction-status/{result|timeout}/{secret}</c>, and
/// any later route under <see cref="Prefix"/> (a reversal result, say), which ends with <c>{secret}</c> too (a test
/// checks every route there). ASP.NET Core writes "Request starting ... path" right after
/// <see cref="IHttpContextFactory.Create"/>, before any middleware runs, and everything after it (routing, MVC,
/// log scopes, activities, problem details) reads <c>HttpContext.Request.Path</c>. So this factory, wrapping the
/// default one, takes the last segment of any path under the prefix before the context exists: it checks it against
/// the accepted secrets (<see cref="CallbackSecretVerifier"/>, constant time), keeps the verdict in the request's
/// features (<see cref="CallbackSecretVerdict"/>), and rewrites the path and raw target to end in
/// <see cref="Marker"/>. Routing still matches <c>{secret}</c> (its value is the marker); the controller asks the
/// verifier for the verdict, never the route value. The host reuses HttpContext objects only with its own factory
/// type, so each request now allocates one: a small price for a rule that no settings file can undo (ADR 0007).
/// </summary>
internal sealed class CallbackPathRedaction(IHttpContextFactory inner, CallbackSecretVerifier secrets) : IHttpContextFactory
{
    /// <summary>Every route under this prefix ends with the callback secret.</summary>
    public const string Prefix = "/api/v1/daraja";

    /// <summary>What the secret segment reads as from here on. Shorter than any accepted secret (16+), so never one.</summary>
    public const string Marker = "redacted";

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        ArgumentNullException.ThrowIfNull(featureCollection);
        var request = featureCollection.Get<IHttpRequestFeature>();
        if (request is not null && TryRedact(request.Path, out var redacted, out var secret))
        {
            featureCollection.Set(CallbackSecretVerdict.Of(secrets.Matches(secret)));
            request.Path = redacted;
            request.RawTarget = new PathString(request.PathBase).Add(new PathString(redacted)).ToUriComponent() + request.QueryString;
        }
        else if (featureCollection.Get<CallbackSecretVerdict>() is not null)
        {
            featureCollection.Set<CallbackSecretVerdict>(null); // a server may reuse the collection for the connection's next request
        }

        return inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => inner.Dispose(httpContext);

    /// <summary>The kinds of result a callback route names before its secret (<c>.../{result|timeout}/{secret}</c>): never a secret.</summary>
    private static readonly string[] ResultKinds = ["result", "timeout"];

    /// <summary>
    /// For a path under <see cref="Prefix"/> with a segment after it: the path with its last segment (the secret) replaced
    /// by <see cref="Marker"/>, and so is every segment between the route's name and it but a result kind (a secret sent
    /// with more segments after it is no less a secret), and that last segment.
    /// </summary>
    internal static bool TryRedact(string path, out string redacted, out string secret)
    {
        redacted = path;
        secret = string.Empty;
        if (path.Length <= Prefix.Length + 1 || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || path[Prefix.Length] != '/')
        {
            return false;
        }

        var trimmed = path.AsSpan().TrimEnd('/');
        if (trimmed.Length <= Prefix.Length + 1)
        {
            return false;
        }

        var segments = trimmed[(Prefix.Length + 1)..].ToString().Split('/');
        secret = segments[^1];
        for (var i = segments.Length == 1 ? 0 : 1; i < segments.Length; i++)
        {
            if (i == segments.Length - 1 || !ResultKinds.Contains(segments[i], StringComparer.OrdinalIgnoreCase))
            {
                segments[i] = Marker;
            }
        }

        redacted = string.Concat(path.AsSpan(0, Prefix.Length + 1), string.Join('/', segments), path.AsSpan(trimmed.Length));
        return true;
    }
}
