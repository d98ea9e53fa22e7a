using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// The WebApi as an operator runs it: its own process (<c>dotnet Shield.WebApi.dll --urls http://127.0.0.1:port</c>,
/// the dll from this test project's bin folder), configured only by the environment variables and arguments the test
/// gives. Nothing configuration-like is inherited from the test run (no ASPNETCORE_*, DOTNET_ENVIRONMENT,
/// DOTNET_CONTENTROOT, nor any <c>Section__Key</c> variable). Its standard output and error are kept line by line.
/// The working directory is a new empty folder unless one is given. Disposing kills it (SIGKILL) if still running.
/// In environment values, <c>{self}</c> stands for the process's own base URL.
/// </summary>
public sealed class ShieldProcess : IAsyncDisposable
{
    public const string Self = "{self}";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly string? _ownedDirectory;

    private ShieldProcess(Process process, int port, string workingDirectory, string? ownedDirectory)
    {
        _process = process;
        Port = port;
        WorkingDirectory = workingDirectory;
        _ownedDirectory = ownedDirectory;
    }

    /// <summary>The WebApi built beside the tests (the test project references it, so its bin folder holds it).</summary>
    public static string WebApiDll { get; } = Path.Combine(AppContext.BaseDirectory, "Shield.WebApi.dll");

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public string WorkingDirectory { get; }

    /// <summary>Standard output and error, one line each, in arrival order per stream.</summary>
    public IReadOnlyList<string> OutputLines => [.. _output, .. _errors];

    /// <summary>Standard error alone.</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errors];

    /// <summary>Everything the process printed, as one text (standard output, then standard error).</summary>
    public string Output => string.Join('\n', OutputLines);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the WebApi; returns at once (use <see cref="WaitForLiveAsync"/> or <see cref="WaitForExitAsync"/>).</summary>
    /// <param name="environment">Variables for the process (null removes one); <c>{self}</c> in a value is its base URL.</param>
    /// <param name="arguments">Arguments after <c>--urls</c>.</param>
    /// <param name="workingDirectory">Where it runs; a new empty folder (deleted afterwards) when null.</param>
    public static ShieldProcess Start(IReadOnlyDictionary<string, string?> environment, IEnumerable<string>? arguments = null, string? workingDirectory = null)
    {
        var port = TestPorts.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        string? owned = null;
        if (workingDirectory is null)
        {
            owned = Path.Combine(Path.GetTempPath(), "shield-process", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(owned);
            workingDirectory = owned;
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebApiDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(Inherited).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value?.Replace(Self, baseUrl, StringComparison.Ordinal);
        }

        var process = new Process { StartInfo = start };
        var shield = new ShieldProcess(process, port, workingDirectory, owned);
        process.OutputDataReceived += (_, e) => Keep(shield._output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(shield._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return shield;
    }

    /// <summary>True once /health/live answers 200; false if the process exited first. Times out with its output.</summary>
    public async Task<bool> WaitForLiveAsync(TimeSpan? timeout = null)
    {
        using var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? DefaultTimeout))
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // lets the output readers finish
                return false;
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
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

            await Task.Delay(50);
        }

        throw new TimeoutException($"The WebApi was neither live nor exited after {(timeout ?? DefaultTimeout).TotalSeconds:F0} s. Output:\n{Output}");
    }

    /// <summary>Waits for the process to end on its own and returns its exit code. Times out with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The WebApi did not exit within {(timeout ?? DefaultTimeout).TotalSeconds:F0} s. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>A client for this process; with an API key when one is given.</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>Kills the process at once (SIGKILL, like kill -9), with anything it started.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open: the temp folder is cleaned on its own
            }
        }
    }

    private static bool Inherited(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.Equals("DOTNET_CONTENTROOT", StringComparison.OrdinalIgnoreCase)
        || key.Contains("__", StringComparison.Ordinal);

    /// <summary>The dotnet host running the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

}
