using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>How Daraja answered an STK Push Query.</summary>
public abstract record StkQueryOutcome
{
    private StkQueryOutcome()
    {
    }

    /// <summary>What the answer tells the payment: a ResultCode, still processing, or nothing usable (never a failure by itself).</summary>
    public AttemptCheck ToCheck() => this switch
    {
        Known known => AttemptCheck.Answered(known.ResultCode, known.ResultDescription),
        StillProcessing => AttemptCheck.NoOutcome,
        _ => AttemptCheck.Unanswered,
    };

    /// <summary>The push has a result (0 = paid). A query carries no receipt.</summary>
    public sealed record Known(string ResultCode, string? ResultDescription) : StkQueryOutcome;

    /// <summary>4999, or 500.001.1001 with any message: still being processed. Never a failure.</summary>
    public sealed record StillProcessing : StkQueryOutcome;

    /// <summary>No usable answer (unreachable, timeout, unexpected error): ask again later.</summary>
    public sealed record NoAnswer(NoAnswerReason Reason, string? Detail) : StkQueryOutcome;
}
