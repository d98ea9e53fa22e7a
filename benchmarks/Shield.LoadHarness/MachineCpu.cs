using System.Globalization;

namespace Shield.LoadHarness;

/// <summary>
/// The whole machine's CPU, from /proc/stat: how busy all its cores were between two readings, whoever used them
/// (other processes share this machine's cores with the harness).
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Now()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4]; // idle, iowait
            var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
            return new MachineCpu(total - idle, total);
        }
        catch (IOException)
        {
            return default;
        }
    }

    /// <summary>The share of all cores busy since <paramref name="earlier"/> (0 to 1), NaN without /proc.</summary>
    public double BusySince(MachineCpu earlier) => Total == earlier.Total ? double.NaN : (Busy - earlier.Busy) / (double)(Total - earlier.Total);
}
