using System.Globalization;

namespace Shield.LoadHarness;

/// <summary>The command line: which engines, how much traffic, where to write the table.</summary>
internal sealed record HarnessOptions
{
    public IReadOnlyList<DatabaseEngine> Engines { get; init; } = [DatabaseEngine.Sqlite, DatabaseEngine.Postgres];

    /// <summary>Payments initiated (and later settled by callbacks) in the measured closed-loop runs.</summary>
    public int Payments { get; init; } = 1_000;

    /// <summary>Callbacks sent at <see cref="CallbackRate"/> per second (each settles one more pending payment).</summary>
    public int PacedCallbacks { get; init; } = 2_000;

    public int CallbackRate { get; init; } = 200;

    public int Gets { get; init; } = 5_000;

    public int Lists { get; init; } = 1_000;

    /// <summary>Requests in flight at once in the closed-loop runs.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Requests of each kind sent first and not measured (JIT, connection pools, caches).</summary>
    public int Warmup { get; init; } = 200;

    /// <summary>Each scenario alternates baseline and Shield this many times, each round a share of its requests.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Run the webhook scenarios after the comparison (each engine).</summary>
    public bool Webhooks { get; init; } = true;

    /// <summary>
    /// Callbacks measured for callback-to-webhook latency, and payments in the delivery backlog (two events each); the
    /// receiver-down and killed scenarios use a quarter of it each.
    /// </summary>
    public int WebhookPayments { get; init; } = 2_000;

    /// <summary>How long the receiver answers 503 in the receiver-down scenario.</summary>
    public TimeSpan Outage { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Payments of the receiver-down and of the killed scenario (each).</summary>
    public int WebhookFaultPayments => Math.Max(10, WebhookPayments / 4);

    /// <summary>Phones the webhook scenarios use, after those of the comparison.</summary>
    public int WebhookPhones => Webhooks ? Warmup + (2 * WebhookPayments) + (2 * WebhookFaultPayments) : 0;

    public string PostgresAdmin { get; init; } =
        Environment.GetEnvironmentVariable("SHIELD_TEST_POSTGRES") ?? "Host=127.0.0.1;Username=shield;Password=shield;Database=postgres";

    public string? OutputFile { get; init; }

    /// <summary>What to run: the engine comparison (default), the fleet test, the 1-vs-3 fleet measurement, or the telemetry overhead.</summary>
    public HarnessMode Mode { get; init; } = HarnessMode.Engines;

    /// <summary>Payments of the fleet run (<c>--fleet</c>); <c>--quick</c>: 300.</summary>
    public int FleetPayments { get; init; } = 2_000;

    /// <summary>Payments started at once in the fleet run (each worker sends a payment, and its duplicate if it has one, then the next).</summary>
    public int FleetConcurrency { get; init; } = 12;

    /// <summary>Payments per round and fleet size in <c>--fleet-compare</c> (each initiated, called back, and read twice); <c>--quick</c>: 150.</summary>
    public int ComparePayments { get; init; } = 600;

    /// <summary>Requests of each kind per round and setting in <c>--telemetry-overhead</c>; <c>--quick</c>: 300.</summary>
    public int OverheadRequests { get; init; } = 1_500;

    public static HarnessOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HarnessOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = args[i] switch
            {
                "--quick" => options with
                {
                    Payments = 100, PacedCallbacks = 200, Gets = 300, Lists = 100, Warmup = 30, WebhookPayments = 200, Outage = TimeSpan.FromSeconds(10),
                    FleetPayments = 300, ComparePayments = 150, OverheadRequests = 300,
                },
                "--fleet" => options with { Mode = HarnessMode.Fleet },
                "--fleet-compare" => options with { Mode = HarnessMode.FleetCompare },
                "--telemetry-overhead" => options with { Mode = HarnessMode.TelemetryOverhead },
                "--fleet-payments" => options with { FleetPayments = Number(value, "--fleet-payments") },
                "--compare-payments" => options with { ComparePayments = Number(value, "--compare-payments") },
                "--overhead-requests" => options with { OverheadRequests = Number(value, "--overhead-requests") },
                "--engine" => options with { Engines = ParseEngines(Required(value, "--engine")) },
                "--payments" => options with { Payments = Number(value, "--payments") },
                "--paced-callbacks" => options with { PacedCallbacks = Number(value, "--paced-callbacks") },
                "--rate" => options with { CallbackRate = Number(value, "--rate") },
                "--gets" => options with { Gets = Number(value, "--gets") },
                "--lists" => options with { Lists = Number(value, "--lists") },
                "--concurrency" => options with { Concurrency = Number(value, "--concurrency") },
                "--warmup" => options with { Warmup = Number(value, "--warmup") },
                "--rounds" => options with { Rounds = Number(value, "--rounds") },
                "--out" => options with { OutputFile = Required(value, "--out") },
                "--webhook-payments" => options with { WebhookPayments = Number(value, "--webhook-payments") },
                "--outage" => options with { Outage = TimeSpan.FromSeconds(Number(value, "--outage")) },
                "--no-webhooks" => options with { Webhooks = false },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --quick, --engine sqlite|postgres|all, --payments N, " +
                    "--paced-callbacks N, --rate N, --gets N, --lists N, --concurrency N, --warmup N, --rounds N, --out FILE, " +
                    "--webhook-payments N, --outage SECONDS, --no-webhooks; --fleet [--fleet-payments N], --fleet-compare [--compare-payments N], " +
                    "--telemetry-overhead [--overhead-requests N]."),
            };
            if (args[i] is not ("--quick" or "--no-webhooks" or "--fleet" or "--fleet-compare" or "--telemetry-overhead"))
            {
                i++;
            }
        }

        if (options.Warmup + options.Payments + options.PacedCallbacks + options.WebhookPhones > PhoneBook.Capacity)
        {
            throw new ArgumentException($"At most {PhoneBook.Capacity} payments per service: every pending payment needs its own phone.");
        }

        if (options.FleetPayments > 10_000)
        {
            throw new ArgumentException("At most 10000 fleet payments: every payment needs its own phone.");
        }

        return options;
    }

    private static List<DatabaseEngine> ParseEngines(string value) => value.ToUpperInvariant() switch
    {
        "ALL" => [DatabaseEngine.Sqlite, DatabaseEngine.Postgres],
        "SQLITE" => [DatabaseEngine.Sqlite],
        "POSTGRES" or "POSTGRESQL" => [DatabaseEngine.Postgres],
        _ => throw new ArgumentException("--engine must be sqlite, postgres or all."),
    };

    private static string Required(string? value, string option) =>
        value ?? throw new ArgumentException($"{option} needs a value.");

    private static int Number(string? value, string option) =>
        int.TryParse(Required(value, option), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} needs a positive whole number.");
}

/// <summary>What the harness runs.</summary>
internal enum HarnessMode
{
    Engines,
    Fleet,
    FleetCompare,
    TelemetryOverhead,
}
