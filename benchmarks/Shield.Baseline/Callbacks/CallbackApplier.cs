using System.Data;
using System.Data.Common;
using Shield.Baseline.Data;
using Shield.Baseline.Rules;
using Shield.Domain.Payments;

namespace Shield.Baseline.Callbacks;

/// <summary>
/// Commit 2 of a callback, with the decisions of Shield's Payment.ApplyStkResult for one attempt per payment: a success
/// completes the payment unless its attempt already succeeded (Duplicate); a failure finishes an attempt that is not
/// final yet and settles the payment when it is Pending and this is its current attempt (else RecordedOnly); 4999 is
/// no outcome (Duplicate). The payment's UPDATE carries the optimistic-concurrency check on Version; a conflict reads
/// again, up to 5 rounds, as Shield does.
/// </summary>
internal sealed class CallbackApplier(Database db)
{
    private const int MaxRounds = 5;

    /// <summary>Applies a stored callback and records its outcome on the inbox row; returns the outcome.</summary>
    public async Task<string> ApplyAsync(DbConnection connection, Guid callbackId, StkResult result)
    {
        for (var round = 1; ; round++)
        {
            var target = await FindAttemptAsync(connection, result.CheckoutRequestId);
            var now = DateTimeOffset.UtcNow;
            if (target is not { } found)
            {
                // A callback can beat the commit of its push's answer: kept, and applied when the attempt is known.
                await using var unmatched = Database.Command(connection, Sql.CallbackUnmatched);
                db.AddText(unmatched.Parameters, "@checkout", result.CheckoutRequestId);
                db.AddTime(unmatched.Parameters, "@now", now);
                db.AddGuid(unmatched.Parameters, "@id", callbackId);
                await db.WriteAsync(unmatched, CancellationToken.None);
                return Outcome.Unmatched;
            }

            await using var transaction = await db.BeginWriteAsync(connection, CancellationToken.None);
            await using var batch = db.Batch(connection, transaction.Transaction);
            var outcome = Plan(batch, found, result, now);
            var inbox = batch.Add(Sql.CallbackProcessed);
            db.AddText(inbox, "@outcome", outcome);
            db.AddGuid(inbox, "@payment", found.PaymentId);
            db.AddText(inbox, "@checkout", result.CheckoutRequestId);
            db.AddTime(inbox, "@now", now);
            db.AddGuid(inbox, "@id", callbackId);
            await batch.ExecuteAsync(CancellationToken.None);

            // Statement 0 is the payment's UPDATE whenever the payment changes: no row means another writer got there first.
            if (outcome != Outcome.Duplicate && batch.RowsAffected(0) == 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if (round < MaxRounds)
                {
                    continue;
                }

                throw new DBConcurrencyException($"Payment {found.PaymentId} kept changing under callback {callbackId}.");
            }

            await transaction.CommitAsync(CancellationToken.None);
            return outcome;
        }
    }

    /// <summary>
    /// Applies callbacks kept as Unmatched for this CheckoutRequestID once its attempt is known (Shield's
    /// UnmatchedCallbackApplier); true when some were applied.
    /// </summary>
    public async Task<bool> ApplyUnmatchedAsync(DbConnection connection, string checkoutRequestId)
    {
        var waiting = new List<(Guid Id, string Body)>();
        await using (var list = Database.Command(connection, Sql.UnmatchedCallbacks))
        {
            db.AddText(list.Parameters, "@checkout", checkoutRequestId);
            await using var reader = await db.ReadAsync(list, CancellationToken.None);
            while (await reader.ReadAsync())
            {
                waiting.Add((db.ReadGuid(reader, 0), reader.GetString(1)));
            }
        }

        if (waiting.Count == 0 || await FindAttemptAsync(connection, checkoutRequestId) is null)
        {
            return false;
        }

        foreach (var (id, body) in waiting)
        {
            if (StkCallbackParser.TryParse(body, out var result))
            {
                await ApplyAsync(connection, id, result);
            }
            else
            {
                await MarkMalformedAsync(connection, id);
            }
        }

        return true;
    }

    public async Task MarkMalformedAsync(DbConnection connection, Guid callbackId)
    {
        await using var command = Database.Command(connection, Sql.CallbackMalformed);
        db.AddTime(command.Parameters, "@now", DateTimeOffset.UtcNow);
        db.AddGuid(command.Parameters, "@id", callbackId);
        await db.WriteAsync(command, CancellationToken.None);
    }

    /// <summary>Adds the payment's and the attempt's UPDATEs (payment first) for this result; returns the inbox outcome.</summary>
    private string Plan(StatementBatch batch, AttemptTarget target, StkResult result, DateTimeOffset now)
    {
        if (Outcome.ForResultCode(result.ResultCode) is not (string attemptStatus, string paymentStatus))
        {
            return Outcome.Duplicate;
        }

        string outcome;
        if (attemptStatus == Outcome.Succeeded)
        {
            // With one attempt per payment a Completed payment means this attempt succeeded: Shield's duplicate-charge
            // branch (another attempt succeeded first) cannot arise here.
            if (target.AttemptStatus == Outcome.Succeeded || target.PaymentStatus == Outcome.Completed)
            {
                return Outcome.Duplicate;
            }

            var completed = batch.Add(Sql.PaymentCompleted);
            db.AddText(completed, "@receipt", result.ReceiptNumber);
            AddVersion(completed, target, now);
            outcome = Outcome.Applied;
        }
        else
        {
            if (Outcome.IsTerminalAttempt(target.AttemptStatus))
            {
                return Outcome.Duplicate;
            }

            if (target.PaymentStatus == Outcome.Pending && target.Number == target.LastNumber)
            {
                var failure = FailureCatalogue.ForResultCode(result.ResultCode);
                var settled = batch.Add(Sql.PaymentSettled);
                db.AddText(settled, "@status", paymentStatus);
                db.AddText(settled, "@failureCode", failure.Code);
                db.AddText(settled, "@failureResultCode", failure.ResultCode);
                db.AddText(settled, "@failureMessage", failure.Message);
                db.AddFlag(settled, "@failureRetriable", failure.Retriable);
                AddVersion(settled, target, now);
                outcome = Outcome.Applied;
            }
            else
            {
                AddVersion(batch.Add(Sql.PaymentTouched), target, now);
                outcome = Outcome.RecordedOnly;
            }
        }

        var attempt = batch.Add(Sql.AttemptFinished);
        db.AddText(attempt, "@status", attemptStatus);
        db.AddText(attempt, "@code", result.ResultCode);
        db.AddText(attempt, "@description", result.ResultDescription);
        db.AddText(attempt, "@receipt", result.ReceiptNumber);
        db.AddMoney(attempt, "@paid", result.PaidAmount);
        db.AddTime(attempt, "@paidAt", result.PaidAt);
        db.AddTime(attempt, "@now", now);
        db.AddGuid(attempt, "@id", target.PaymentId);
        db.AddInt(attempt, "@number", target.Number);
        return outcome;
    }

    private void AddVersion(DbParameterCollection parameters, AttemptTarget target, DateTimeOffset now)
    {
        db.AddTime(parameters, "@now", now);
        db.AddInt(parameters, "@next", target.Version + 1);
        db.AddGuid(parameters, "@id", target.PaymentId);
        db.AddInt(parameters, "@version", target.Version);
    }

    private async Task<AttemptTarget?> FindAttemptAsync(DbConnection connection, string checkoutRequestId)
    {
        await using var command = Database.Command(connection, Sql.AttemptForCallback);
        db.AddText(command.Parameters, "@checkout", checkoutRequestId);
        await using var reader = await db.ReadAsync(command, CancellationToken.None);
        return await reader.ReadAsync()
            ? new AttemptTarget(db.ReadGuid(reader, 0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5))
            : null;
    }
}
