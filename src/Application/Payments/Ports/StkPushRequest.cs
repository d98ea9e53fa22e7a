using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>What one STK push asks of the customer.</summary>
public sealed record StkPushRequest(PaymentId PaymentId, int AttemptNumber, Msisdn PhoneNumber, Amount Amount,
    AccountReference AccountReference, Description Description);
