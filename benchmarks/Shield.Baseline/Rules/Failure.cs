namespace Shield.Baseline.Rules;

/// <summary>The Failure* columns of a payment (Shield's PaymentFailure).</summary>
internal sealed record Failure(string Code, string? ResultCode, string Message, bool Retriable);
