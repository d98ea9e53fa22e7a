using System.ComponentModel.DataAnnotations;

namespace Shield.Application.Refunds.Common;

/// <summary>Configuration section <c>Refunds</c>.</summary>
public sealed class RefundOptions
{
    public const string SectionName = "Refunds";

    /// <summary>Whether clients may refund at all. Off unless turned on (on in Development, against the simulator).</summary>
    public bool Enabled { get; set; }

    /// <summary>Whether a refund may be less than the whole payment. Off: Daraja's support for partial reversals is not confirmed.</summary>
    public bool AllowPartial { get; set; }

    /// <summary>How many refunds one client may request per calendar day (East Africa Time).</summary>
    [Range(1, 1_000_000)]
    public int MaxPerClientPerDay { get; set; } = 100;

    /// <summary>
    /// How long a submitted refund waits for M-Pesa's result before the reconciler asks Transaction Status, and between
    /// two such questions; also how long a refund whose request was never answered waits before a person is asked.
    /// Keep it above Mpesa:RequestTimeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan VerifyAfter { get; set; } = TimeSpan.FromMinutes(2);
}
