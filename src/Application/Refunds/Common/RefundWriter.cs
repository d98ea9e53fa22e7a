using Mapster;
using Shield.Application.Common.Persistence;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.Application.Refunds.Common;

/// <summary>
/// The write pipeline of a refund, as <c>PaymentWriter</c> is a payment's: load it (tracked), ask one domain method,
/// save it with the events it raised in the same commit; on a concurrency conflict, load it again and decide again.
/// </summary>
public sealed class RefundWriter(IRefundRepository refunds, TypeAdapterConfig mapping, TimeProvider clock)
{
    /// <summary>How often, and after how long, a record is tried again while the database cannot be reached.</summary>
    private static readonly TimeSpan[] UnavailableRetries = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>
    /// Stores a new refund (Pending, before anything is sent). The database refuses a reused Idempotency-Key and a second
    /// open refund of one payment: unique indexes, never check-then-insert.
    /// </summary>
    public async Task<Result<Refund>> CreateAsync(Refund refund, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        refunds.Add(refund);
        try
        {
            await refunds.UnitOfWork.SaveChangesAsync(cancellationToken);
            return refund;
        }
        catch (DuplicateKeyException duplicate) when (duplicate.Key is UniqueKey.IdempotencyKey or UniqueKey.OpenRefund)
        {
            refunds.UnitOfWork.DiscardChanges();
            return duplicate.Key == UniqueKey.IdempotencyKey ? RefundErrors.IdempotencyKeyInUse() : RefundErrors.InProgress();
        }
    }

    /// <summary>A change a person asked for (settling by hand): cancellable until it is saved; another client's refund is not found.</summary>
    public Task<Result<Refund>> ChangeAsync(ClientId clientId, RefundId id, Func<Refund, DateTimeOffset, Result> decide, CancellationToken cancellationToken) =>
        RunAsync(async ct => await refunds.FindAsync(id, ct) is { } refund && refund.ClientId == clientId ? refund : null, id, decide, ConflictRetry.MaxRounds, [],
            cancellationToken);

    /// <summary>
    /// A change an operator asked for (approving or rejecting a refund held for approval), whichever client's refund it is:
    /// cancellable until it is saved; on a conflict decided again on the refund as it now stands.
    /// </summary>
    public Task<Result<Refund>> ChangeAnyClientsAsync(RefundId id, Func<Refund, DateTimeOffset, Result> decide, CancellationToken cancellationToken) =>
        RunAsync(ct => refunds.FindAsync(id, ct), id, decide, ConflictRetry.MaxRounds, [], cancellationToken);

    /// <summary>
    /// Records what already happened outside (Daraja's answer, M-Pesa's result, a verification): never cancelled, decided
    /// again on the refund as it now stands after a conflict, tried again for a few seconds while the database is down.
    /// </summary>
    public Task<Result<Refund>> RecordAsync(RefundId id, Action<Refund, DateTimeOffset> record) =>
        RunAsync(ct => refunds.FindAsync(id, ct), id, (refund, now) =>
        {
            record(refund, now);
            return Result.Success();
        }, ConflictRetry.MaxRecordRounds, UnavailableRetries, CancellationToken.None);

    /// <summary>The refund as it now stands (the tracked instance when this unit of work has one).</summary>
    public Task<Refund?> ReloadAsync(RefundId id) => refunds.FindAsync(id, CancellationToken.None);

    /// <summary>The refund as GET shows it.</summary>
    public RefundDetails Details(Refund refund) => refund.Adapt<RefundDetails>(mapping);

    private async Task<Result<Refund>> RunAsync(Func<CancellationToken, Task<Refund?>> load, RefundId id, Func<Refund, DateTimeOffset, Result> decide,
        int maxRounds, TimeSpan[] unavailableRetries, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await refunds.UnitOfWork.SaveAsync<Refund>(async ct =>
                {
                    var refund = await load(ct);
                    if (refund is null)
                    {
                        return RefundErrors.NotFound(id);
                    }

                    var decision = decide(refund, clock.GetUtcNow());
                    return decision.IsFailure ? decision.Error! : refund;
                }, maxRounds, cancellationToken);
            }
            catch (DatabaseUnavailableException) when (retry < unavailableRetries.Length)
            {
                refunds.UnitOfWork.DiscardChanges();
                await Task.Delay(unavailableRetries[retry], cancellationToken);
            }
        }
    }
}
