
namespace Shield.Application.Common.Persistence;

/// <summary>The unique indexes whose violation the Application acts on (AttemptNumber reaches it as a concurrency conflict).</summary>
public enum UniqueKey
{
    Other,

    /// <summary>(ClientId, IdempotencyKey) of a payment or a refund: the client already used this key.</summary>
    IdempotencyKey,

    /// <summary>The phone already has a push in flight.</summary>
    InFlightPhoneNumber,
    CheckoutRequestId,
    MpesaReceiptNumber,

    /// <summary>(PaymentId, Number) of an attempt: another writer added the same attempt first (a concurrent retry).</summary>
    AttemptNumber,

    /// <summary>An event's number on its aggregate (Events: StreamId, Sequence): another writer numbered it first.</summary>
    EventSequence,

    /// <summary>The payment already has an open refund (Pending or Unknown).</summary>
    OpenRefund,
}
