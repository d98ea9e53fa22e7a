using System.Diagnostics;
using Shield.LoadHarness;

// dotnet run -c Release --project benchmarks/Shield.LoadHarness [-- --engine sqlite|postgres|all --quick --no-webhooks --out FILE]
// ... -- --fleet [--quick] | --fleet-compare [--quick] | --telemetry-overhead [--quick]: see docs/fleet-test.md.
// Starts Shield and the raw ADO.NET baseline on loopback, loads both, then runs the webhook scenarios on Shield, and
// prints Markdown tables. Exit code 1 when anything failed (an error, a payment not settled, a token too many, a
// webhook lost, badly signed or out of order); missed speed targets are shown, not fatal.
// Figures print the same everywhere (nested interpolations too): 1234.5, not 1 234,5.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

#if DEBUG
Console.Error.WriteLine("Warning: a Debug build measures nothing useful; run with -c Release.");
#endif

var folder = Directory.CreateTempSubdirectory("shield-harness-").FullName;
if (options.Mode != HarnessMode.Engines)
{
    return await OtherModes.RunAsync(options, folder);
}

Console.WriteLine($"Shield load harness: logs in {folder}");
var clock = Stopwatch.StartNew();
var reports = new List<EngineReport>();
foreach (var engine in options.Engines)
{
    Console.WriteLine($"{engine}:");
    reports.Add(await new EngineRun(options, engine, folder, Console.Out).RunAsync());
}

var table = Report.Render(options, reports, clock.Elapsed);
Console.WriteLine();
Console.WriteLine(table);
if (options.OutputFile is { } output)
{
    await File.WriteAllTextAsync(output, table);
}

var correct = reports.All(r => r.Correct);
Console.WriteLine(correct ? "Harness: no errors." : "Harness: FAILED (errors, unsettled payments, extra token requests, or webhooks lost, badly signed or out of order; see above).");
return correct ? 0 : 1;
