namespace Shield.Application.Payments.Contracts;

/// <summary>Why a payment did not complete: <c>code</c> is stable, <c>message</c> may be shown to the customer.</summary>
public sealed record FailureDetails
{
    public required string Code { get; init; }

    public string? ResultCode { get; init; }

    public required string Message { get; init; }

    public required bool Retriable { get; init; }
}
