namespace Shield.Baseline.Data;

/// <summary>
/// EF Core's DateTimeOffsetToBinaryConverter, which Shield's SQLite context applies to every DateTimeOffset: the clock
/// ticks truncated to 0.1 ms in the high 53 bits, the offset in minutes in the low 11.
/// </summary>
internal static class BinaryTime
{
    public static long ToLong(DateTimeOffset value) => ((value.Ticks / 1000) << 11) | ((long)value.Offset.TotalMinutes & 0x7FF);

    public static DateTimeOffset FromLong(long value) =>
        new(new DateTime((value >> 11) * 1000), new TimeSpan(0, (int)((value << 53) >> 53), 0));
}
