namespace Shield.Domain.Payments;

/// <summary>What Safaricom reports about a successful payment (from the callback's CallbackMetadata).</summary>
public sealed record Receipt(string Number, decimal Amount, DateTimeOffset? PaidAt, string? PhoneNumber);
