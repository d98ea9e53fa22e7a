namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// What one delivery attempt got, as recorded for the client and the operator.
/// </summary>
/// <param name="StatusCode">The receiver's HTTP status; null when no answer came (timeout, connection refused, refused address).</param>
/// <param name="Duration">From sending the request to having the answer's excerpt (or giving up).</param>
/// <param name="ResponseExcerpt">The first 1024 bytes of the answer's body, decoded as UTF-8; null when it had none.</param>
/// <param name="Error">Why the attempt failed without an answer, or the redirect that was not followed; null otherwise.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> on 429 or 503 (never negative); null otherwise.</param>
/// <param name="Gone">The receiver answered 410 Gone: the endpoint should be disabled.</param>
internal sealed record WebhookAttemptResult(int? StatusCode, TimeSpan Duration, string? ResponseExcerpt, string? Error, TimeSpan? RetryAfter, bool Gone)
{
    /// <summary>Only a 2xx answer is a delivery; a redirect is a failure.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
