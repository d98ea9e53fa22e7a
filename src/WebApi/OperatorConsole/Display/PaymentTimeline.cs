using System.Globalization;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Application.Payments.Contracts;
using Shield.Application.Refunds.Contracts;
using Shield.Application.Webhooks.Contracts;
using Shield.Domain.Callbacks;

namespace Shield.WebApi.OperatorConsole.Display;

/// <summary>How an entry of the timeline reads: good news, bad news, or neither.</summary>
public enum Tone
{
    Neutral,
    Good,
    Bad,
}

/// <summary>One moment of a payment's story; <see cref="Body"/> is a raw callback, already masked.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string? Detail, Tone Tone = Tone.Neutral, string? Body = null);

/// <summary>
/// One ordered story of a payment, from everything Shield recorded about it: its creation, each attempt and its push
/// answer, every raw callback received for it, STK queries, verifications, reviews, webhook deliveries, refunds and
/// what people did in the console. Phones are masked here, whoever reads it.
/// </summary>
public static class PaymentTimeline
{
    public static IReadOnlyList<TimelineEntry> Build(PaymentRecord record, IEnumerable<OperatorWebhookDelivery> deliveries, IEnumerable<RefundRecord> refunds,
        IEnumerable<AuditDetails> audit)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(refunds);
        ArgumentNullException.ThrowIfNull(audit);
        var p = record.Payment;
        var entries = new List<TimelineEntry>
        {
            new(p.CreatedAt, "created", $"Payment created: {ConsoleText.Kes(p.Amount)} from {ConsoleText.Phone(p.PhoneNumber)}",
                $"Client {record.ClientId}, account reference {ConsoleText.MaskPhones(p.AccountReference)}" + (record.IdempotencyKey is null ? string.Empty : ", with an Idempotency-Key")),
        };

        foreach (var a in record.Attempts)
        {
            entries.Add(new(a.CreatedAt, "attempt", $"Attempt {a.Number} started", null));
            if (a.SentAt is { } sent)
            {
                entries.Add(new(sent, "push", $"Attempt {a.Number}: push accepted by Daraja",
                    $"CheckoutRequestID {Domain.Payments.Msisdn.MaskIn(a.CheckoutRequestId)}, MerchantRequestID {a.MerchantRequestId ?? "-"}"));
            }

            if (a.NoAnswer is { } lost)
            {
                entries.Add(new(a.SentAt ?? a.CreatedAt, "push", $"Attempt {a.Number}: no sure answer to the push ({lost})",
                    "The customer may have been prompted; it is never sent again, and is checked by query.", Tone.Bad));
            }

            if (a.QueryCount > 0)
            {
                entries.Add(new(a.LastQueriedAt ?? a.SentAt ?? a.CreatedAt, "query",
                    $"Attempt {a.Number}: {a.QueryCount} STK Push Query asked, {a.AnsweredQueryCount} answered",
                    a.NextQueryAt is { } next ? $"Next query {ConsoleText.Time(next)}" : null));
            }

            if (a.CompletedAt is { } done)
            {
                var ok = a.Status == Domain.Payments.AttemptStatus.Succeeded;
                entries.Add(new(done, "result", $"Attempt {a.Number}: {a.Status} (ResultCode {a.ResultCode ?? "-"}, learned by {a.ResultSource?.ToString() ?? "-"})",
                    string.Join(", ", new[] { a.ResultDescription, a.ReceiptNumber is null ? null : $"receipt {a.ReceiptNumber}",
                        a.PaidAmount is { } paid ? $"paid {paid.ToString("0.##", CultureInfo.InvariantCulture)}" : null }.Where(s => s is not null)),
                    ok ? Tone.Good : Tone.Bad));
            }
        }

        foreach (var c in record.Callbacks)
        {
            var bad = c.Outcome is CallbackOutcome.Malformed or CallbackOutcome.SourceRejected or CallbackOutcome.FlaggedForReview;
            entries.Add(new(c.ReceivedAt, "callback", $"{Describe(c.Kind)} received: {c.Outcome}",
                $"From {c.RemoteAddress ?? "?"}" + (c.ProcessedAt is { } at ? $", processed {ConsoleText.Time(at)}" : string.Empty),
                bad ? Tone.Bad : Tone.Neutral, ConsoleText.MaskPhones(c.Body)));
        }

        if (p.Verification is { } v)
        {
            entries.Add(new(v.RequestedAt, "verification", "Transaction Status asked (verification)", null));
            if (v.AnsweredAt is { } answered)
            {
                entries.Add(new(answered, "verification", $"Verification answered: {v.Status}" + (v.Matches is { } m ? m ? ", matches" : ", does NOT match" : string.Empty),
                    $"ResultCode {v.ResultCode ?? "-"} {v.ResultDescription}; {v.TransactionStatus}; receipt {v.ReceiptNumber ?? "-"}",
                    v.Matches == false ? Tone.Bad : Tone.Good));
            }
        }

        if (p.CompletedAt is { } completed)
        {
            entries.Add(new(completed, "status", $"Payment {p.Status}" + (p.MpesaReceiptNumber is { } receipt ? $": receipt {receipt}" : string.Empty),
                p.Failure is { } f ? $"{f.Code}: {f.Message}" : null, p.Status == Domain.Payments.PaymentStatus.Completed ? Tone.Good : Tone.Bad));
        }

        if (p.ReviewReason is { } review)
        {
            entries.Add(new(p.UpdatedAt, "review", $"Flagged for review: {review}", "A person decides; see the review queue.", Tone.Bad));
        }

        if (p.ReviewResolution is { } resolution)
        {
            entries.Add(new(resolution.ResolvedAt, "review", $"Review {resolution.Reason} resolved by {resolution.ResolvedBy}", resolution.Note, Tone.Good));
        }

        foreach (var d in deliveries)
        {
            foreach (var attempt in d.Attempts)
            {
                var ok = attempt.StatusCode is >= 200 and < 300;
                entries.Add(new(attempt.At, "webhook", $"Webhook {d.EventType} to {ConsoleText.Url(d.EndpointUrl)}: {attempt.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}",
                    $"Attempt {attempt.Number}, {attempt.DurationMs} ms" + (attempt.Error is { } e ? $", {e}" : string.Empty), ok ? Tone.Good : Tone.Bad));
            }
        }

        foreach (var r in refunds)
        {
            entries.Add(new(r.Refund.CreatedAt, "refund", $"Refund of {ConsoleText.Kes(r.Refund.Amount)} requested by {r.RequestedBy ?? "-"}", r.Refund.Reason));
            if (r.ApprovedAt is { } approved)
            {
                entries.Add(new(approved, "refund", $"Refund approved by {r.ApprovedBy}", null));
            }

            if (r.RejectedAt is { } rejected)
            {
                entries.Add(new(rejected, "refund", $"Refund rejected by {r.RejectedBy}", r.RejectionNote, Tone.Bad));
            }

            if (r.Refund.CompletedAt is { } refunded)
            {
                entries.Add(new(refunded, "refund", $"Refund {r.Refund.Status}" + (r.Refund.ReversalReceiptNumber is { } rr ? $": reversal receipt {rr}" : string.Empty),
                    r.Refund.Failure is { } rf ? $"{rf.Code}: {rf.Message}" : r.SettledBy is { } by ? $"settled by {by}" : null,
                    r.Refund.Status == Domain.Refunds.RefundStatus.Succeeded ? Tone.Good : Tone.Bad));
            }
        }

        foreach (var e in audit)
        {
            entries.Add(new(e.At, "operator", $"{e.Actor}: {e.Action} ({e.Outcome})", e.Detail, e.Outcome == Domain.OperatorConsole.AuditOutcome.Succeeded ? Tone.Neutral : Tone.Bad));
        }

        // Notes and reasons are what people typed: a phone number in one is masked like any other.
        return [.. entries.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i)
            .Select(x => x.e with { Detail = x.e.Detail is null ? null : ConsoleText.MaskPhones(x.e.Detail) })];
    }

    private static string Describe(CallbackKind kind) => kind switch
    {
        CallbackKind.StkCallback => "STK callback",
        CallbackKind.TransactionStatusResult => "Transaction Status result",
        CallbackKind.TransactionStatusTimeout => "Transaction Status timeout",
        CallbackKind.ReversalResult => "Reversal result",
        CallbackKind.ReversalTimeout => "Reversal queue timeout",
        _ => kind.ToString(),
    };
}
