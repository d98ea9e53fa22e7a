using System.Diagnostics;
using System.Net.Sockets;

namespace Shield.LoadHarness;

/// <summary>
/// A Debian tool the fleet run starts itself (redis-server, nginx): its own process on loopback, its output in a log
/// file, killed (with its children: nginx's workers) when disposed. Never the system service.
/// </summary>
internal sealed class ToolProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private bool _disposed;

    private ToolProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    /// <summary>The binary at <paramref name="path"/>, or a clear error naming what to install.</summary>
    public static string Require(string path, string package) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"The fleet run needs {path}: install it (apt-get install -y {package}); CI installs it.");

    /// <summary>Starts <paramref name="binary"/> and waits until it accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<ToolProcess> StartAsync(string name, string binary, IEnumerable<string> arguments, int port, string logPath)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var tool = new ToolProcess(name, process, log);
        process.OutputDataReceived += (_, e) => tool.Write(e.Data);
        process.ErrorDataReceived += (_, e) => tool.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!await AcceptsAsync(port))
        {
            if (process.HasExited || clock.Elapsed > ReadyTimeout)
            {
                var exited = process.HasExited ? $"exited with code {process.ExitCode}" : $"not listening after {ReadyTimeout.TotalSeconds:F0} s";
                await tool.DisposeAsync();
                throw new InvalidOperationException($"{name} {exited}; see {logPath}.");
            }

            await Task.Delay(20);
        }

        return tool;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            if (!_disposed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
