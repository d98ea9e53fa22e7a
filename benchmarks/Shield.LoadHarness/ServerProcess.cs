using System.Diagnostics;
using System.Net;

namespace Shield.LoadHarness;

/// <summary>
/// A service under test, started as its own process (<c>dotnet its.dll --urls ...</c>) in the Production environment,
/// configured only through environment variables. Its output goes to a log file, so a failure can be read later.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private bool _logClosed;
    private bool _disposed;

    private ServerProcess(string name, Process process, StreamWriter log, Uri baseUrl, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        LogPath = logPath;
    }

    public string Name { get; }

    public Uri BaseUrl { get; }

    public string LogPath { get; }

    /// <summary>The process id: what a killed instance's leases name (Shield's lease owners end in it).</summary>
    public int ProcessId => _process.Id;

    /// <summary>From the process start to the first 200 from /health/ready.</summary>
    public TimeSpan StartToReady { get; private set; }

    /// <summary>The CPU time the process has used so far (user and system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory (RSS) of the process now.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <param name="name">What progress and errors call it.</param>
    /// <param name="dll">The service's built dll.</param>
    /// <param name="environment">Its settings; <c>{self}</c> in a value becomes its own base URL.</param>
    /// <param name="logPath">Where its output goes (appended).</param>
    /// <param name="port">The loopback port to listen on (a restarted fleet instance keeps its port); a free one by default.</param>
    public static async Task<ServerProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> environment, string logPath, int? port = null)
    {
        port ??= FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value.Replace("{self}", baseUrl.ToString().TrimEnd('/'), StringComparison.Ordinal);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var server = new ServerProcess(name, process, log, baseUrl, logPath);
        process.OutputDataReceived += (_, e) => server.Write(e.Data);
        process.ErrorDataReceived += (_, e) => server.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilReadyAsync(clock);
        }
        catch
        {
            await server.DisposeAsync(); // never leave a half-started server running
            throw;
        }

        return server;
    }

    /// <summary>
    /// Kills the process as <c>kill -9</c> does (SIGKILL: no shutdown, no flush, leases left held), and waits until it
    /// is gone. <c>dotnet its.dll</c> runs the service in that one process.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await KillAsync();

        _process.Dispose();
        lock (_logGate)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(Stopwatch clock)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri(BaseUrl, "/health/ready");
        while (clock.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await client.GetAsync(ready);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartToReady = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, not answering yet.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{Name} was not ready after {ReadyTimeout.TotalSeconds:F0} s; see {LogPath}.");
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line); // output can still arrive after the process was disposed
            }
        }
    }

    /// <summary>A loopback TCP port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
