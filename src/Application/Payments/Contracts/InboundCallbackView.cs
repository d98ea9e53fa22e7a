using Shield.Application.Common.Callbacks;

namespace Shield.Application.Payments.Contracts;

/// <summary>A stored callback, and, when it is an STK callback that reads as a success, what it says was paid.</summary>
public sealed record InboundCallbackView(InboundCallbackDetails Callback, StkCallbackSuccess? Success);

/// <summary>
/// What a success STK callback says: the push it names, the receipt, the amount paid, and the phone as Safaricom sent it
/// (null when missing; Safaricom may send it masked), for the operator to compare with a payment before applying it.
/// </summary>
public sealed record StkCallbackSuccess(string CheckoutRequestId, string ReceiptNumber, decimal Amount, string? PhoneNumber, DateTimeOffset? PaidAt);
