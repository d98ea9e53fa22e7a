namespace Shield.Domain.Payments;

/// <summary>Why Daraja gave no usable answer to a request (stored on an attempt whose push went unanswered).</summary>
public enum NoAnswerReason
{
    /// <summary>The connection failed, or Daraja answered with something that is not Daraja (HTML, empty body, 5xx without a body).</summary>
    Unreachable,

    /// <summary>Daraja did not answer within the configured timeout.</summary>
    TimedOut,
}
