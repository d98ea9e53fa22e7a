using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Options;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// Sends one delivery attempt as the Standard Webhooks specification (v1) describes: a POST of the exact body bytes with
/// <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature</c> (one
/// signature per secret). Every way a delivery can fail is a <see cref="WebhookAttemptResult"/>; only the caller's
/// cancellation throws. Build its <see cref="HttpClient"/> on <see cref="WebhookHttp.CreateHandler"/>, which refuses
/// internal addresses at connect time and never follows redirects.
/// </summary>
internal sealed class WebhookSender
{
    public const string UserAgent = "Shield-Webhooks/1";

    /// <summary>How an attempt's error begins when Shield itself refused the endpoint's address (a private network, say).</summary>
    public const string RefusedAddressError = "connection refused by Shield";

    /// <summary>How much of an answer is kept (and read at most).</summary>
    public const int ExcerptBytes = 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly WebhooksOptions _options;

    /// <param name="http">A client on <see cref="WebhookHttp.CreateHandler"/>; its own timeout is not relied on (each attempt has <c>Webhooks:Timeout</c>).</param>
    /// <param name="clock">Gives <c>webhook-timestamp</c> and dates a <c>Retry-After</c> date.</param>
    /// <param name="options">The <c>Webhooks</c> section.</param>
    public WebhookSender(HttpClient http, TimeProvider clock, IOptions<WebhooksOptions> options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>Sends one attempt of a delivery.</summary>
    /// <param name="url">The endpoint's URL (already checked by <see cref="WebhookUrlRules"/>).</param>
    /// <param name="secrets">The endpoint's signing secrets, the current one first (two during a rotation's grace period).</param>
    /// <param name="messageId">The event id: the same <c>webhook-id</c> on every retry, so receivers can deduplicate.</param>
    /// <param name="body">The exact bytes of the event envelope; they are sent and signed unchanged.</param>
    /// <param name="cancellationToken">The caller's token (shutdown); when it fires, <see cref="OperationCanceledException"/> propagates.</param>
    /// <exception cref="ArgumentException">No secret was given.</exception>
    /// <exception cref="FormatException">A secret is not a <c>whsec_</c> secret: stored data is wrong, not the delivery.</exception>
    public async Task<WebhookAttemptResult> SendAsync(
        Uri url, IReadOnlyList<string> secrets, string messageId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(secrets);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Header(secrets, messageId, timestamp, body.Span);

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Version = HttpVersion.Version11;
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("webhook-id", messageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var excerpt = await ReadExcerptAsync(response.Content, attempt.Token, cancellationToken);
            var status = (int)response.StatusCode;
            var error = status is >= 300 and < 400 ? RedirectError(response) : null;
            var retryAfter = response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                ? RetryAfter(response.Headers.RetryAfter)
                : null;
            return new WebhookAttemptResult(status, Stopwatch.GetElapsedTime(started), excerpt, error, retryAfter, response.StatusCode == HttpStatusCode.Gone);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(started, $"timed out after {WebhooksOptions.Describe(_options.Timeout)}");
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or SocketException or WebhookAddressRefusedException)
        {
            return Failed(started, Explain(exception));
        }
    }

    private static WebhookAttemptResult Failed(long started, string error) =>
        new(null, Stopwatch.GetElapsedTime(started), null, error, null, false);

    private static string RedirectError(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? $"redirect to {location.OriginalString} not followed"
            : string.Create(CultureInfo.InvariantCulture, $"redirect ({(int)response.StatusCode}) without a Location not followed");

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _clock.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>
    /// The first <see cref="ExcerptBytes"/> bytes of the answer, read and no more; a character cut at the end is dropped.
    /// The status has already arrived and decides the outcome, so a body that fails or outlasts the attempt's timeout
    /// only shortens the excerpt.
    /// </summary>
    private static async Task<string?> ReadExcerptAsync(HttpContent content, CancellationToken cancellationToken, CancellationToken callerToken)
    {
        var buffer = new byte[ExcerptBytes];
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException
            || (exception is OperationCanceledException && !callerToken.IsCancellationRequested))
        {
            // Whatever body came before the failure is kept.
        }

        if (length == 0)
        {
            return null;
        }

        // A full buffer may end inside a multi-byte character: without flushing, the decoder keeps those bytes back.
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(length)];
        var count = decoder.GetChars(buffer, 0, length, chars, 0, flush: length < buffer.Length);
        return new string(chars, 0, count);
    }

    private static string Explain(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case WebhookAddressRefusedException refused:
                    return $"{RefusedAddressError}: {refused.Message}";
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused by the receiver",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "receiver unreachable",
                        SocketError.ConnectionReset => "connection reset by the receiver",
                        _ => $"connection failed ({socket.SocketErrorCode})",
                    };
                case AuthenticationException tls:
                    return $"TLS handshake failed: {tls.Message}";
            }
        }

        return exception is HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http
            ? $"{http.HttpRequestError}: {http.Message}"
            : exception.Message;
    }
}
