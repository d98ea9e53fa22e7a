using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>What a client can filter its payments by. Dates are UTC instants, inclusive.</summary>
public sealed record PaymentFilter(PaymentStatus? Status, Msisdn? PhoneNumber, AccountReference? AccountReference,
    DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo);
