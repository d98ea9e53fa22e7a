using System.Diagnostics;
using System.Net;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// The real Shield service as a process of its own (<c>dotnet Shield.WebApi.dll --urls ...</c>, from the test's bin
/// folder), configured only through environment variables, so that it can be killed with SIGKILL and started again on
/// the same port and database. Its console output is appended to one log file across restarts.
/// </summary>
public sealed class KilledShieldProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Lock _logGate = new();
    private readonly StreamWriter _log;
    private Process? _process;

    public KilledShieldProcess(int port, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        Port = port;
        _environment = environment;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public string LogPath { get; }

    /// <summary>How long each start took, from the process start to the first 200 from /health/ready.</summary>
    public IList<TimeSpan> Starts { get; } = [];

    /// <summary>Starts the service and waits until /health/ready answers 200 (its migrations are applied).</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The service is already running.");
        }

        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Shield.WebApi.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        Write($"---- start {DateTime.UtcNow:O}");
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Shield.WebApi.");
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(_process, clock);
        Starts.Add(clock.Elapsed);
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a crashing node does: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        Write($"---- SIGKILL {DateTime.UtcNow:O}");
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(exited.Token);
        _process.Dispose();
        _process = null;
    }

    /// <summary>The lines of the log file (all starts) that contain <paramref name="text"/>.</summary>
    public int CountLogLines(string text)
    {
        lock (_logGate)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            count += line.Contains(text, StringComparison.Ordinal) ? 1 : 0;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(Process process, Stopwatch clock)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = new Uri(BaseUrl, "health/ready");
        while (clock.Elapsed < ReadyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Shield.WebApi exited with code {process.ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await client.GetAsync(ready);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening, not answering yet
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Shield.WebApi was not ready after {ReadyTimeout.TotalSeconds:0} s; see {LogPath}.");
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // output that arrives after the log was closed
            }
        }
    }
}
