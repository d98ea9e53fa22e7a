using Mapster;
using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// The one write pipeline of a payment: load it through the repository (tracked), ask one domain method for the
/// decision, save it (with the events it raised, in the same commit); on a concurrency conflict, load it again and decide
/// again (<see cref="ConflictRetry"/>). A refusal is returned, not saved. Commands answer <see cref="Outcome"/>.
/// </summary>
/// <remarks>
/// The cancellation rule: <see cref="ChangeAsync"/> is for a change a client asks for, cancellable until it is saved;
/// <see cref="RecordAsync(PaymentLookup, Func{Payment, DateTimeOffset, Result})"/> records what already happened outside
/// (Safaricom's answer) and takes no cancellation at all: the fact must not be thrown away because a client hung up.
/// </remarks>
public sealed class PaymentWriter(IPaymentRepository payments, TypeAdapterConfig mapping, TimeProvider clock)
{
    /// <summary>How often, and after how long, a record is tried again while the database cannot be reached.</summary>
    private static readonly TimeSpan[] UnavailableRetries = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>
    /// Stores a new payment (its first attempt in Sending, before anything is sent). The database refuses a reused
    /// Idempotency-Key (<see cref="PaymentErrors.IdempotencyKeyInUse"/>) and a phone with a push in flight
    /// (<see cref="PaymentErrors.SubscriberBusy"/>): unique indexes, never check-then-insert.
    /// </summary>
    public async Task<Result<Payment>> CreateAsync(Payment payment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        payments.Add(payment);
        try
        {
            await payments.UnitOfWork.SaveChangesAsync(cancellationToken);
            return payment;
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.IdempotencyKey or UniqueKey.InFlightPhoneNumber)
        {
            payments.UnitOfWork.DiscardChanges();
            return duplicate.Key == UniqueKey.IdempotencyKey ? PaymentErrors.IdempotencyKeyInUse() : PaymentErrors.SubscriberBusy();
        }
    }

    /// <summary>A change a client asked for: cancellable until it is saved.</summary>
    public Task<Result<Payment>> ChangeAsync(PaymentLookup lookup, Func<Payment, DateTimeOffset, Result> decide, CancellationToken cancellationToken) =>
        RunAsync(lookup, decide, ConflictRetry.MaxRounds, [], cancellationToken);

    /// <summary>
    /// Records what already happened outside (Safaricom's answer, a reconciler's finding): never cancelled, decided again
    /// on the payment as it now stands whenever another writer changed it meanwhile (up to
    /// <see cref="ConflictRetry.MaxRecordRounds"/> times), and tried again for a few seconds while the database cannot be
    /// reached, so the fact is not thrown away. Only a database down for longer makes it throw.
    /// </summary>
    public Task<Result<Payment>> RecordAsync(PaymentLookup lookup, Func<Payment, DateTimeOffset, Result> decide) =>
        RunAsync(lookup, decide, ConflictRetry.MaxRecordRounds, UnavailableRetries, CancellationToken.None);

    /// <summary><see cref="RecordAsync(PaymentLookup, Func{Payment, DateTimeOffset, Result})"/> for a decision with a value.</summary>
    public async Task<Result<(Payment Payment, T Value)>> RecordAsync<T>(PaymentLookup lookup, Func<Payment, DateTimeOffset, Result<T>> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        T value = default!;
        var result = await RecordAsync(lookup, (payment, now) =>
        {
            var decision = decide(payment, now);
            if (decision.IsFailure)
            {
                return Result.Failure(decision.Error!);
            }

            value = decision.Value;
            return Result.Success();
        });
        return result.IsFailure ? result.Error! : (result.Value, value);
    }

    /// <summary>The neutral answer of a command that changed a payment: the payment as GET shows it, and the error Safaricom's answer caused.</summary>
    public PaymentOutcome Outcome(Payment payment, Error? error = null, bool replayed = false) =>
        new(payment.Adapt<PaymentDetails>(mapping), error, replayed);

    private async Task<Result<Payment>> RunAsync(PaymentLookup lookup, Func<Payment, DateTimeOffset, Result> decide, int maxRounds,
        TimeSpan[] unavailableRetries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(decide);
        var round = 0;
        var phoneTaken = false;
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await payments.UnitOfWork.SaveAsync<Payment>(async ct =>
                {
                    var payment = await lookup.LoadAsync(payments, ++round, ct);
                    if (payment is null)
                    {
                        return PaymentErrors.NotFound(lookup.PaymentId);
                    }

                    var decision = decide(payment, clock.GetUtcNow());
                    return decision.IsFailure ? decision.Error! : payment;
                }, maxRounds, cancellationToken);
            }
            catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.InFlightPhoneNumber)
            {
                // A new attempt found the phone busy: with this payment's own attempt (a concurrent retry won: deciding
                // again on the payment as it now stands refuses), or another payment's (busy again: the client is told).
                payments.UnitOfWork.DiscardChanges();
                if (phoneTaken)
                {
                    return PaymentErrors.SubscriberBusy();
                }

                phoneTaken = true;
                retry--;
            }
            catch (DatabaseUnavailableException) when (retry < unavailableRetries.Length)
            {
                payments.UnitOfWork.DiscardChanges();
                await Task.Delay(unavailableRetries[retry], cancellationToken);
            }
        }
    }
}
