namespace Shield.Benchmarks;

/// <summary>An <see cref="IHttpClientFactory"/> whose clients all send through one handler.</summary>
internal sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
