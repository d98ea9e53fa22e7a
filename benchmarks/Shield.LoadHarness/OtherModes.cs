namespace Shield.LoadHarness;

/// <summary>The fleet run, the 1-vs-3 fleet measurement and the telemetry overhead (docs/fleet-test.md): each prints its Markdown; exit code 1 when a check failed.</summary>
internal static class OtherModes
{
    public static async Task<int> RunAsync(HarnessOptions options, string folder)
    {
        Console.WriteLine($"Shield load harness ({options.Mode}): logs in {folder}");
        string table;
        bool correct;
        try
        {
            (table, correct) = options.Mode switch
            {
                HarnessMode.Fleet => await FleetAsync(options, folder),
                HarnessMode.FleetCompare => await CompareAsync(options, folder),
                HarnessMode.TelemetryOverhead => await OverheadAsync(options, folder),
                _ => throw new ArgumentOutOfRangeException(nameof(options)),
            };
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Harness ({options.Mode}): FAILED: {e.Message}");
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine(table);
        if (options.OutputFile is { } output)
        {
            await File.WriteAllTextAsync(output, table);
        }

        Console.WriteLine(correct ? $"Harness ({options.Mode}): every check met." : $"Harness ({options.Mode}): FAILED (see the checks above).");
        return correct ? 0 : 1;
    }

    private static async Task<(string, bool)> FleetAsync(HarnessOptions options, string folder)
    {
        var report = await new FleetRun(options, folder, Console.Out).RunAsync();
        return (report.Markdown, report.Correct);
    }

    private static async Task<(string, bool)> CompareAsync(HarnessOptions options, string folder)
    {
        var report = await new FleetCompare(options, folder, Console.Out).RunAsync();
        return (report.Markdown, report.Correct);
    }

    private static async Task<(string, bool)> OverheadAsync(HarnessOptions options, string folder)
    {
        var report = await new TelemetryOverhead(options, folder, Console.Out).RunAsync();
        return (report.Markdown, report.Correct);
    }
}
