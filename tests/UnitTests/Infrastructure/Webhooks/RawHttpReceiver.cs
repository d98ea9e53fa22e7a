using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Shield.UnitTests.Infrastructure.Webhooks;

/// <summary>
/// A webhook receiver on a raw TCP listener on 127.0.0.1 (no HTTP server library in between), so a test sees exactly
/// what Shield put on the wire and can answer anything, including answers that never end. One request per connection.
/// </summary>
internal sealed class RawHttpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ReceivedRequest, NetworkStream, CancellationToken, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly Task _serving;
    private int _connections;

    /// <param name="answer">Writes the answer to one request.</param>
    public RawHttpReceiver(Func<ReceivedRequest, NetworkStream, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Connections accepted, whether or not a request came on them.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>An answer with a status, optional headers (<c>Name: value</c>) and a body.</summary>
    public static Func<ReceivedRequest, NetworkStream, CancellationToken, Task> Reply(int status, string body = "", params string[] headers) =>
        (_, stream, cancellationToken) => WriteAsync(stream, status, Encoding.UTF8.GetBytes(body), headers, cancellationToken);

    public static async Task WriteAsync(NetworkStream stream, int status, byte[] body, string[] headers, CancellationToken cancellationToken)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} Status\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            Interlocked.Increment(ref _connections);
            await using var stream = client.GetStream();
            try
            {
                if (await ReadRequestAsync(stream, cancellationToken) is { } request)
                {
                    _requests.Enqueue(request);
                    await _answer(request, stream, cancellationToken);
                }
            }
            catch (IOException)
            {
                // The client gave up on this connection (a timeout test): serve the next one.
            }
        }
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
        var body = Array.Empty<byte>();
        if (headers.TryGetValue("content-length", out var length))
        {
            body = new byte[int.Parse(length, CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, cancellationToken);
        }

        var requestLine = lines[0].Split(' ');
        return new ReceivedRequest(requestLine[0], requestLine[1], headers, body);
    }
}

/// <summary>One request as it arrived: method, target, headers by lowercase name, and the body's bytes.</summary>
internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);
