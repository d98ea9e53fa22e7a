namespace Shield.IntegrationTests.Infrastructure;

/// <summary>
/// Unique Safaricom numbers for tests. A phone may have one push in flight at a time, so tests that run side by side
/// use their own numbers; the last four digits choose the simulated customer's behaviour (README).
/// </summary>
public static class Phones
{
    private static int _next = Random.Shared.Next(1000, 5000);

    /// <summary>A number like 07NNNN4149 (or 01NNNN...): 0 + 9 digits, unique in this test run.</summary>
    public static string Next(string scenario = "4149", string prefix = "07") =>
        $"{prefix}{Interlocked.Increment(ref _next) % 10000:D4}{scenario}";

    /// <summary>The 12-digit MSISDN of a local number (07... → 2547...).</summary>
    public static string Msisdn(string local) => $"254{local[1..]}";
}
