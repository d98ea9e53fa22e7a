namespace Shield.Application.Payments.Contracts;

/// <summary>The latest review a person resolved: what the payment was flagged for, who looked, what they decided, when.</summary>
public sealed record ReviewResolutionDetails
{
    /// <summary>The review reason resolved (amount_mismatch, duplicate_charge, ...).</summary>
    public required string Reason { get; init; }

    /// <summary>Who resolved it: <c>client:{id}</c> through the API.</summary>
    public required string ResolvedBy { get; init; }

    /// <summary>What was decided, in their words.</summary>
    public required string Note { get; init; }

    public required DateTimeOffset ResolvedAt { get; init; }
}
