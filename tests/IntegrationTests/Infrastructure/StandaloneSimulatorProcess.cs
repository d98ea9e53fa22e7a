using System.Collections.Concurrent;
using System.Diagnostics;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone Daraja simulator as a process of its own (<c>dotnet Shield.DarajaSimulator.dll ...</c> from the
/// test's bin folder, where the build copies it with its runtimeconfig), as a team on another stack starts it. Its
/// certificate PEM goes to a temp folder of its own, removed on dispose.
/// </summary>
public sealed class StandaloneSimulatorProcess : IAsyncDisposable
{
    private const string ReadyLine = "Press Ctrl+C to stop.";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StandaloneSimulatorProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>Where the PEM is written (<c>Simulator:CertificateFile</c>) unless the arguments name another.</summary>
    public string Directory { get; }

    public IReadOnlyList<string> Output => [.. _output];

    public IReadOnlyList<string> Errors => [.. _errors];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The first address the banner prints.</summary>
    public Uri BaseUrl => new(Value("Base URL").TrimEnd('/') + "/");

    /// <summary>
    /// Starts the simulator with <paramref name="arguments"/> (plus <c>--Simulator:CertificateFile</c> in its folder),
    /// and returns once it printed its banner or exited.
    /// </summary>
    public static async Task<StandaloneSimulatorProcess> StartAsync(params string[] arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", "simulator-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Shield.DarajaSimulator.dll"));
        start.ArgumentList.Add("--Simulator:CertificateFile=" + Path.Combine(directory, "simulator.pem"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Shield.DarajaSimulator.");
        var simulator = new StandaloneSimulatorProcess(process, directory);
        process.OutputDataReceived += (_, e) => simulator.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                simulator._errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = process.WaitForExitAsync(timeout.Token);
        await Task.WhenAny(simulator._ready.Task, exited);
        if (!simulator._ready.Task.IsCompleted && !process.HasExited)
        {
            await simulator.DisposeAsync();
            throw new TimeoutException($"The simulator printed no banner within {StartTimeout}.");
        }

        if (process.HasExited)
        {
            // Let the output readers drain what the process wrote before it exited.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return simulator;
    }

    /// <summary>A banner value: the text after <c>"  {label}:"</c> up to any parenthesised note.</summary>
    public string Value(string label)
    {
        var line = Output.FirstOrDefault(l => l.StartsWith("  " + label + ":", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The banner has no '{label}' line:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
        var value = line[(label.Length + 3)..].Trim();
        var note = value.IndexOf("   (", StringComparison.Ordinal);
        return note < 0 ? value : value[..note];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: the temp folder is cleaned on its own
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line == ReadyLine)
        {
            _ready.TrySetResult();
        }
    }
}
