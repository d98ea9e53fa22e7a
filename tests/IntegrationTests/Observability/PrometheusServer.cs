using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// A real Prometheus (Debian's) started for one test: its own temp folder (config and TSDB), a free loopback port, one
/// job scraping the given target every second. Disposing kills it and deletes the folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public int Port { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at /metrics every second; returns once it answers.</summary>
    public static async Task<PrometheusServer> StartAsync(string target)
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-prometheus", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: shield
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target}']
            """);
        var port = TestPorts.Free();
        var start = new ProcessStartInfo(PrometheusFactAttribute.Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add($"--config.file={config}");
        start.ArgumentList.Add($"--storage.tsdb.path={Path.Combine(directory, "data")}");
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start prometheus.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, port);
        var ready = await ObservedShield.EventuallyAsync(async () =>
        {
            try
            {
                using var response = await server._http.GetAsync(new Uri("-/ready", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, seconds: 20);
        Assert.True(ready, "Prometheus did not become ready in 20 s.");
        return server;
    }

    /// <summary>The instant query's result: each series' labels and value (Prometheus's HTTP API, /api/v1/query).</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("success", root.GetProperty("status").GetString());
        return [.. root.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal),
            double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: the temp folder is cleaned on its own
        }
    }
}
