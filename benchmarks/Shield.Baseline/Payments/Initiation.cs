using System.Data;
using System.Data.Common;
using Shield.Baseline.Callbacks;
using Shield.Baseline.Daraja;
using Shield.Baseline.Data;
using Shield.Baseline.Json;
using Shield.Baseline.Rules;
using Shield.Domain.Payments;

namespace Shield.Baseline.Payments;

/// <summary>
/// Shield's crash-safe initiation: commit 1 stores the payment (Pending, Version 0) and attempt #1 (Sending, holding the
/// phone's in-flight slot); the push goes to Daraja with no connection held; commit 2 stores Daraja's answer on the
/// attempt and touches the payment (UpdatedAt, Version 1); then callbacks that beat commit 2 are looked for.
/// </summary>
internal sealed class Initiation(Database db, DarajaClient daraja, CallbackApplier callbacks, PaymentQueries queries, string clientId)
{
    private const string NoAnswerTimedOut = "No answer from M-Pesa in time; the push may have been delivered.";
    private const string NoAnswerUnreachable = "M-Pesa could not be reached or its answer was unreadable; the push may have been delivered.";

    public async Task<InitiationResult> RunAsync(string phone, int amount, string reference, string description, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var created = DateTimeOffset.UtcNow;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await using var transaction = await db.BeginWriteAsync(connection, cancellationToken);
            await using (var batch = db.Batch(connection, transaction.Transaction))
            {
                var payment = batch.Add(Sql.InsertPayment);
                db.AddGuid(payment, "@id", id);
                db.AddText(payment, "@client", clientId);
                db.AddInt(payment, "@amount", amount);
                db.AddText(payment, "@phone", phone);
                db.AddText(payment, "@reference", reference);
                db.AddText(payment, "@description", description);
                db.AddTime(payment, "@now", created);
                var attempt = batch.Add(Sql.InsertAttempt);
                db.AddGuid(attempt, "@id", id);
                db.AddTime(attempt, "@now", created);
                db.AddText(attempt, "@phone", phone);
                try
                {
                    await batch.ExecuteAsync(cancellationToken);
                }
                catch (DbException exception) when (db.IsUniqueViolation(exception, "InFlightPhoneNumber"))
                {
                    return new InitiationResult(StatusCodes.Status409Conflict, null, "subscriber_busy",
                        "This phone already has an M-Pesa prompt in flight. Wait for its outcome, then try again.");
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Stored: from here on the work is finished even if the client goes away.
        var push = await daraja.PushAsync(phone, amount, reference, description);
        var answered = DateTimeOffset.UtcNow;
        PaymentFailure? failure = push.Kind == PushOutcomeKind.Rejected
            ? FailureCatalogue.ForPushRejection(new PushRejection(push.ErrorCode!, push.ErrorMessage!))
            : null;
        await using var second = await db.OpenAsync(CancellationToken.None);
        await using (var transaction = await db.BeginWriteAsync(second, CancellationToken.None))
        {
            await using var batch = db.Batch(second, transaction.Transaction);
            var payment = batch.Add(failure is null ? Sql.PaymentTouched : Sql.PaymentSettled);
            if (failure is not null)
            {
                db.AddText(payment, "@status", Outcome.Failed);
                db.AddText(payment, "@failureCode", failure.Code);
                db.AddText(payment, "@failureResultCode", failure.ResultCode);
                db.AddText(payment, "@failureMessage", failure.Message);
                db.AddFlag(payment, "@failureRetriable", failure.Retriable);
            }

            db.AddTime(payment, "@now", answered);
            db.AddInt(payment, "@next", 1);
            db.AddGuid(payment, "@id", id);
            db.AddInt(payment, "@version", 0);

            var attempt = batch.Add(push.Kind switch
            {
                PushOutcomeKind.Accepted => Sql.AttemptAccepted,
                PushOutcomeKind.Rejected => Sql.AttemptRejected,
                _ => Sql.AttemptUnknown,
            });
            switch (push.Kind)
            {
                case PushOutcomeKind.Accepted:
                    db.AddText(attempt, "@merchant", push.MerchantRequestId);
                    db.AddText(attempt, "@checkout", push.CheckoutRequestId);
                    break;
                case PushOutcomeKind.Rejected:
                    db.AddText(attempt, "@code", push.ErrorCode);
                    db.AddText(attempt, "@description", push.ErrorMessage);
                    break;
                default:
                    db.AddText(attempt, "@description", push.TimedOut ? NoAnswerTimedOut : NoAnswerUnreachable);
                    break;
            }

            db.AddTime(attempt, "@now", answered);
            db.AddGuid(attempt, "@id", id);
            db.AddInt(attempt, "@number", 1);
            await batch.ExecuteAsync(CancellationToken.None);
            if (batch.RowsAffected(0) == 0)
            {
                throw new DBConcurrencyException($"Payment {id} changed before its push answer was stored.");
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        switch (push.Kind)
        {
            case PushOutcomeKind.Rejected:
                return new InitiationResult(StatusCodes.Status502BadGateway, null, "mpesa_push_rejected",
                    $"M-Pesa refused the payment request ({failure!.Code}): {push.ErrorCode} {push.ErrorMessage}", id);
            case PushOutcomeKind.NoAnswer when push.TimedOut:
                return new InitiationResult(StatusCodes.Status504GatewayTimeout, null, "mpesa_timeout",
                    "M-Pesa did not answer in time. The payment stays Pending and is never sent twice; read it again to see its outcome.", id);
            case PushOutcomeKind.NoAnswer:
                return new InitiationResult(StatusCodes.Status503ServiceUnavailable, null, "mpesa_unavailable",
                    "M-Pesa could not be reached. The payment stays Pending and is never sent twice; read it again to see its outcome.", id);
        }

        // A callback may have beaten commit 2: it waits in the inbox as Unmatched and is applied now.
        if (await callbacks.ApplyUnmatchedAsync(second, push.CheckoutRequestId!)
            && await queries.GetAsync(second, id, CancellationToken.None) is { } settled)
        {
            return new InitiationResult(StatusCodes.Status202Accepted, settled);
        }

        return new InitiationResult(StatusCodes.Status202Accepted, new PaymentView(id, Outcome.Pending, amount, "KES", phone, reference, description,
            null, null, null, created, answered, null,
            [new AttemptView(1, Outcome.AwaitingCustomer, push.CheckoutRequestId, push.MerchantRequestId, null, null, null, null, created, answered, null)]));
    }
}
