using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// A redis-server of the test's own (Debian's /usr/bin/redis-server) on a free loopback port, with no persistence and
/// a temp folder, stopped (and its folder removed) at the end. It can be stopped and started again on the same port,
/// as an outage and its end.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";

    private readonly string _directory;
    private Process? _process;

    private RedisServer()
    {
        _directory = Path.Combine(Path.GetTempPath(), "shield-tests", "redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        Port = TestPorts.Free();
    }

    public int Port { get; }

    /// <summary>Cache:Redis for a Shield host using this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Whether the binary is here; with SHIELD_REQUIRE_REDIS=1 a missing one fails the test instead of skipping it.</summary>
    public static bool IsInstalled => File.Exists(Binary);

    public static bool IsRequired => Environment.GetEnvironmentVariable("SHIELD_REQUIRE_REDIS") == "1";

    public static async Task<RedisServer> StartAsync()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Binary} is missing (SHIELD_REQUIRE_REDIS=1): apt-get install -y redis-server");
        }

        var server = new RedisServer();
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, empty) on its port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"redis-server on port {Port} did not answer PING");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the server (an outage: no shutdown courtesy) and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp folder's own cleaning
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
