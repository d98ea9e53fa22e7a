namespace Shield.Application.Common;

/// <summary>
/// The clock every change reads: the system's, to the whole millisecond, which every engine stores exactly (SQLite keeps
/// 100 µs, PostgreSQL 1 µs, SQL Server 100 ns). So what a command answers, what its event carries and what GET reads
/// back later are the same instants, to the digit.
/// </summary>
public sealed class MillisecondClock(TimeProvider inner) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = inner.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
    }

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
