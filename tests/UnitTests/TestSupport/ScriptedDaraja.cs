using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Shield.UnitTests.TestSupport;

/// <summary>One HTTP request as the adapter sent it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, string? ContentType, string? Body)
{
    public string Path => Uri.AbsolutePath;
}

/// <summary>
/// A hand-written stand-in for Daraja behind HttpClient: records every request and answers from a script.
/// OAuth requests get <see cref="Token"/>; every other request gets <see cref="Api"/>. Each receives its 1-based count.
/// </summary>
internal sealed class ScriptedDaraja : HttpMessageHandler
{
    public const string OAuthPath = "/oauth/v1/generate";
    public const string StkPushPath = "/mpesa/stkpush/v1/processrequest";
    public const string StkQueryPath = "/mpesa/stkpushquery/v1/query";
    public const string TransactionStatusPath = "/mpesa/transactionstatus/v1/query";

    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _tokenCount;
    private int _apiCount;

    public Func<int, Task<HttpResponseMessage>> Token { get; set; } =
        n => Task.FromResult(Json(HttpStatusCode.OK, $$"""{"access_token":"token-{{n}}","expires_in":"3599"}"""));

    public Func<int, RecordedRequest, Task<HttpResponseMessage>> Api { get; set; } =
        (_, _) => Task.FromResult(Json(HttpStatusCode.OK, AcceptedBody));

    /// <summary>REFERENCE.md §2.5.</summary>
    public const string AcceptedBody = """
        {
            "MerchantRequestID": "2654-4b64-97ff-b827b542881d3130",
            "CheckoutRequestID": "ws_CO_1007202409152617172396192",
            "ResponseCode": "0",
            "ResponseDescription": "Success. Request accepted for processing",
            "CustomerMessage": "Success. Request accepted for processing"
        }
        """;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. _requests.Where(r => r.Path == OAuthPath)];

    public IReadOnlyList<RecordedRequest> PushRequests => [.. _requests.Where(r => r.Path == StkPushPath)];

    public IReadOnlyList<RecordedRequest> QueryRequests => [.. _requests.Where(r => r.Path == StkQueryPath)];

    public IReadOnlyList<RecordedRequest> TransactionStatusRequests => [.. _requests.Where(r => r.Path == TransactionStatusPath)];

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Html(HttpStatusCode status) =>
        new(status) { Content = new StringContent("<html><body><h1>Apigee SPA Proxy</h1></body></html>", Encoding.UTF8, "text/html") };

    public static HttpResponseMessage Empty(HttpStatusCode status) => new(status) { Content = new ByteArrayContent([]) };

    /// <summary>An API script that answers each call from the list in turn, repeating the last answer.</summary>
    public static Func<int, RecordedRequest, Task<HttpResponseMessage>> InTurn(params Func<HttpResponseMessage>[] answers) =>
        (n, _) => Task.FromResult(answers[Math.Min(n, answers.Length) - 1]());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization,
            request.Content?.Headers.ContentType?.MediaType, body);
        _requests.Enqueue(recorded);
        return recorded.Path == OAuthPath
            ? await Token(Interlocked.Increment(ref _tokenCount))
            : await Api(Interlocked.Increment(ref _apiCount), recorded);
    }
}
