using System.Net;
using System.Text.RegularExpressions;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// The console's password sign-in over plain HTTP (no browser), for tests that read the raw Set-Cookie headers or run
/// on every engine: the sign-in page's antiforgery cookie and token, then the form post, never following redirects.
/// </summary>
public sealed partial class ConsoleForms : IDisposable
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <param name="app">The host (started here).</param>
    /// <param name="forwardedHttps">Send <c>X-Forwarded-Proto: https</c>, as a TLS-terminating proxy named in ForwardedHeaders:KnownProxies does.</param>
    public ConsoleForms(ShieldApp app, bool forwardedHttps = false)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Anonymous().Dispose();
#pragma warning disable CA2000 // the client owns the handler
        _client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }, disposeHandler: true) { BaseAddress = app.BaseUrl };
#pragma warning restore CA2000
        if (forwardedHttps)
        {
            _client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }
    }

    /// <summary>Every Set-Cookie header the host sent, in order.</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>Opens the sign-in page and posts the form with its token; returns the answer to the post.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password)
    {
        using var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, ConsolePages.SignIn));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenValue().Match(TokenField().Match(html).Value);
        Assert.True(token.Success, "the sign-in page has no antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = password,
            [ConsolePages.AntiforgeryField] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, ConsolePages.SignIn) { Content = form });
    }

    /// <summary>Sends a request with the cookies received so far; keeps the ones it sets.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", CookieHeader);
            }

            var response = await _client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                SetCookies.Add(header);
                var pair = header.Split(';', 2)[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }

    /// <summary>The cookies received so far, as a browser would send them (<c>name=value; ...</c>).</summary>
    public string CookieHeader => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    /// <summary>The Set-Cookie header that set <paramref name="name"/> (the last one), with its attributes.</summary>
    public string SetCookie(string name) => SetCookies.Last(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("""<input[^>]*name="__shield_af"[^>]*>""")]
    private static partial Regex TokenField();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();
}
