using Shield.Application.Common.Persistence;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>
/// The write pipeline of a payment: load it (tracked), ask one domain method for the decision, save; on a concurrency
/// conflict, load it again and decide again (<see cref="ConflictRetry"/>). A refusal is returned, not saved.
/// </summary>
public sealed class PaymentWriter(IPaymentRepository payments, TimeProvider clock)
{
    /// <summary>How often, and after how long, a record is tried again while the database cannot be reached.</summary>
    private static readonly TimeSpan[] UnavailableRetries = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

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
        var result = await RunAsync(lookup, (payment, now) =>
        {
            var decision = decide(payment, now);
            if (decision.IsFailure)
            {
                return decision;
            }

            value = decision.Value;
            return Result.Success();
        }, ConflictRetry.MaxRecordRounds, UnavailableRetries, CancellationToken.None);
        return result.IsFailure ? result.Error! : (result.Value, value);
    }

    private async Task<Result<Payment>> RunAsync(PaymentLookup lookup, Func<Payment, DateTimeOffset, Result> decide, int maxRounds,
        TimeSpan[] unavailableRetries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(decide);
        var round = 0;
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
            catch (DatabaseUnavailableException) when (retry < unavailableRetries.Length)
            {
                payments.UnitOfWork.DiscardChanges();
                await Task.Delay(unavailableRetries[retry], cancellationToken);
            }
        }
    }
}
