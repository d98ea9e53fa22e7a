namespace Shield.Domain.Payments;

/// <summary>What the reconciler learned when it looked at an attempt: nothing asked, no outcome yet, or a ResultCode.</summary>
public abstract record AttemptCheck
{
    private AttemptCheck()
    {
    }

    /// <summary>Not asked: the attempt has no CheckoutRequestID, so Safaricom cannot be asked about it.</summary>
    public static AttemptCheck NotAsked { get; } = new NotAskedCheck();

    /// <summary>Asked, and Safaricom answered "still processing": the prompt is with the customer. Ask again later.</summary>
    public static AttemptCheck NoOutcome { get; } = new NoOutcomeCheck();

    /// <summary>Asked, but no usable answer came (unreachable, timed out, an unexpected error). Ask again later.</summary>
    public static AttemptCheck Unanswered { get; } = new UnansweredCheck();

    /// <summary>Asked, and STK Push Query gave a ResultCode (a query carries no receipt).</summary>
    public static AttemptCheck Answered(string resultCode, string? resultDescription) => new Answer(resultCode, resultDescription);

    public sealed record NotAskedCheck : AttemptCheck;

    public sealed record NoOutcomeCheck : AttemptCheck;

    public sealed record UnansweredCheck : AttemptCheck;

    public sealed record Answer(string ResultCode, string? ResultDescription) : AttemptCheck;
}
