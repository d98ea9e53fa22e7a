using System.Net;
using System.Net.Sockets;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback HTTP server playing a Daraja that hangs: it never answers, except (when asked) the OAuth token request,
/// so that a push is sent and then waits forever. Counts the requests it got.
/// </summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();

    private readonly bool _answersTokens;

    public SilentServer(bool answersTokens = false)
    {
        _answersTokens = answersTokens;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public int Connections { get; private set; }

    public int Posts => _posts;

    /// <summary>When set, a push is answered with this body once it is completed (instead of hanging).</summary>
    public TaskCompletionSource<string>? PushAnswer { get; init; }

    /// <summary>Completes when the first push arrives.</summary>
    public TaskCompletionSource PushReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int _posts;

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var read = await stream.ReadAsync(buffer, _stop.Token);
            var head = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            if (head.StartsWith("POST", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _posts);
                PushReceived.TrySetResult();
                if (PushAnswer is null)
                {
                    return; // hang
                }

                var answer = await PushAnswer.Task.WaitAsync(_stop.Token);
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n{answer}"), _stop.Token);
                client.Close();
                return;
            }

            if (_answersTokens && head.StartsWith("GET /oauth/v1/generate", StringComparison.Ordinal))
            {
                const string body = "{\"access_token\":\"hangingDarajaToken0000000000\",\"expires_in\":\"3599\"}";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(response), _stop.Token);
                client.Close();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_clients)
                {
                    _clients.Add(client);
                    Connections++;
                }

                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
