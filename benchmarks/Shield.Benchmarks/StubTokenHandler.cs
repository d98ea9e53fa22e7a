using System.Net;
using System.Text;

namespace Shield.Benchmarks;

/// <summary>Answers every request with a Daraja token (valid 3599 s) and counts the requests.</summary>
internal sealed class StubTokenHandler : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"access_token":"bench-token","expires_in":"3599"}""", Encoding.UTF8, "application/json"),
        });
    }
}
