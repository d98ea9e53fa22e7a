using Shield.Application.Common.Persistence;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>
/// Loads and stores Payment aggregates (with their attempts) for the commands: one explicit method per way a command
/// finds the payments it changes, each tracked unless it says otherwise. What clients read goes through
/// <see cref="Contracts.IPaymentDetailsReader"/>.
/// </summary>
public interface IPaymentRepository
{
    IUnitOfWork UnitOfWork { get; }

    void Add(Payment payment);

    /// <summary>The payment to change, tracked; with <paramref name="owner"/>, only if that client owns it.</summary>
    Task<Payment?> FindAsync(PaymentId id, ClientId? owner, CancellationToken cancellationToken);

    /// <summary>The payment one of whose attempts has this CheckoutRequestID (unique across payments), tracked.</summary>
    Task<Payment?> FindByCheckoutRequestIdAsync(string checkoutRequestId, CancellationToken cancellationToken);

    /// <summary>The client's payment made with this Idempotency-Key (unique per client), not tracked: it is only compared.</summary>
    Task<Payment?> FindByIdempotencyKeyAsync(ClientId clientId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The payment a Transaction Status result is about: by its conversation ids, else by receipt; tracked.</summary>
    Task<Payment?> FindByVerificationAsync(string? conversationId, string? originatorConversationId, string? receiptNumber, CancellationToken cancellationToken);

    /// <summary>
    /// Payments to this phone, for this amount, created in the window, with an attempt whose push answer was lost (no
    /// CheckoutRequestID): at most two, newest first (two mean "ambiguous"), tracked.
    /// </summary>
    Task<IReadOnlyList<Payment>> ListAwaitingLostPushAnswerAsync(Msisdn phoneNumber, Amount amount, DateTimeOffset createdFrom, DateTimeOffset createdTo,
        CancellationToken cancellationToken);

    /// <summary>
    /// The ids of payments with an attempt the reconciler must look at now (<see cref="ReconciliationSchedule.IsDue"/>),
    /// whatever their status, but none held for review, oldest first, at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<PaymentId>> ListDueForReconciliationAsync(ReconciliationSchedule schedule, DateTimeOffset now, int take,
        CancellationToken cancellationToken);
}
