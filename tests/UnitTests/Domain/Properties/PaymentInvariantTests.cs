using System.Globalization;
using System.Text;
using CsCheck;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Domain.Payments.Events;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Domain.Properties;

/// <summary>
/// Random histories of one payment, as Safaricom, the reconciler and a client could make them: callbacks (right and
/// wrong amounts, failures, duplicates, results for older attempts and for no attempt), query answers, retries with
/// a fresh push (also racing a late success of the attempt before), reconciler passes, expiry, and time passing. After
/// every step the rules of ARCHITECTURE.md §2 must still hold. A failing history is shrunk and printed step by step with
/// the payment after each step.
/// </summary>
public sealed class PaymentInvariantTests
{
    private const int MaxAttempts = 3;
    private const string Phone = "254708374149";

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Callback failures seen from Safaricom (REFERENCE.md §3.5), including a non-numeric one.</summary>
    private static readonly string[] FailureCodes = ["1", "2001", "1032", "1031", "1037", "1019", "17", "26", "SFC_IC0003"];

    /// <summary>STK Push Query answers: paid, cancelled, unreachable, still processing.</summary>
    private static readonly string[] QueryCodes = ["0", "1032", "1037", "4999"];

    /// <summary>0 is the current attempt, 1 the one before it, and so on (the first attempt when there are fewer).</summary>
    private static readonly Gen<int> Back = Gen.Frequency((5, 0), (2, 1), (1, 2));

    private static readonly Gen<Step> AnyStep = Gen.Frequency<Step>(
        (5, Gen.Select(Back,
            Gen.Frequency((6, PaidAmount.Exact), (2, PaidAmount.ExactWithCents), (1, PaidAmount.OneLess), (1, PaidAmount.OneMore),
                (1, PaidAmount.Half), (1, PaidAmount.Huge)),
            Gen.Frequency((6, PayerPhone.Same), (2, PayerPhone.Missing), (1, PayerPhone.Masked), (1, PayerPhone.Other)),
            (back, amount, phone) => (Step)new SuccessCallback(back, amount, phone))),
        (6, Gen.Select(Back, Gen.OneOf(FailureCodes), (back, code) => (Step)new FailureCallback(back, code))),
        (4, Gen.Select(Back, Gen.OneOf(QueryCodes), (back, code) => (Step)new QueryAnswer(back, code))),
        (1, Gen.Select(Back, Gen.Bool, (back, answered) => (Step)new QueryWithoutOutcome(back, answered))),
        (3, Gen.Int[0, 20].Select(index => (Step)new Replay(index))),
        (4, Gen.Bool.Select(acknowledge => (Step)new RetryWithNewPush(acknowledge))),
        (3, Gen.Select(Gen.Frequency((6, PaidAmount.Exact), (1, PaidAmount.OneMore)), Gen.Frequency((3, PayerPhone.Same), (1, PayerPhone.Missing)),
            (amount, phone) => (Step)new RetryRacingLateSuccess(amount, phone))),
        (3, Gen.Frequency((2, (string?)null), (2, "4999"), (2, "0"), (1, "1032"), (1, "1037")).Select(code => (Step)new ReconcilerPass(code))),
        (1, Gen.Const((Step)new RetryWithLostAnswer())),
        (1, Gen.Const((Step)new LateAcceptance())),
        (1, Gen.Const((Step)new SuccessForLostPush())),
        (2, Back.Select(back => (Step)new Expire(back))),
        (1, Gen.OneOf("0", "1032").Select(code => (Step)new StrayResult(code))),
        (3, Gen.Int[1, 900].Select(seconds => (Step)new Wait(seconds))));

    private static readonly Gen<History> Histories =
        Gen.Select(Gen.Int[Amount.DarajaMinimum, Amount.DarajaMaximum], AnyStep.List[0, 40], (amount, steps) => new History(amount, steps));

    private enum PaidAmount
    {
        Exact,
        ExactWithCents,
        OneLess,
        OneMore,
        Half,
        Huge,
    }

    private enum PayerPhone
    {
        Same,
        Missing,
        Masked,
        Other,
    }

    [Fact]
    public void Payment_AnyHistoryOfResultsRetriesAndExpiry_KeepsEveryInvariant() =>
        Histories.Sample(history => new Replayer(history.Amount).RunAll(history.Steps), iter: 2000, print: Describe);

    /// <summary>
    /// One reconciler pass, late enough that every attempt without an outcome is past the expiry window, over several
    /// payments: each is settled on its own (none stops the others), and every attempt is given up and releases its phone.
    /// </summary>
    [Fact]
    public void Payments_SeveralReconciledInOnePassPastExpiry_EachAttemptSettlesAndReleasesItsPhone() =>
        Histories.List[2, 6].Sample(histories =>
        {
            var payments = histories.Select(h =>
            {
                var replayer = new Replayer(h.Amount);
                replayer.RunAll(h.Steps);
                return replayer.Payment;
            }).ToList();
            var passAt = Start.AddDays(2);

            foreach (var payment in payments)
            {
                if (Reconciliation.AttemptDue(payment, ReconciliationSchedule.Default, passAt) is { } due)
                {
                    Assert.True(Reconciliation.Reconcile(payment, due.Number, AttemptCheck.NoOutcome, ReconciliationSchedule.Default, passAt).IsSuccess);
                }
            }

            foreach (var payment in payments.Where(p => !p.IsHeldForReview))
            {
                Assert.All(payment.Attempts, a => Assert.True(a.IsTerminal, $"attempt {a.Number} left {a.Status}"));
                Assert.All(payment.Attempts, a => Assert.Null(a.InFlightPhoneNumber));
            }

        }, iter: 300);

    [Fact]
    public void Payment_HistoryWithMatchingSuccess_EndsCompletedWithExactlyOneCompletion() =>
        Gen.Select(Histories, AnyStep.List[0, 20], Back, Gen.Frequency((3, PayerPhone.Same), (1, PayerPhone.Missing)),
                (history, after, back, phone) => history with
                {
                    Steps = [.. history.Steps, new SuccessCallback(back, PaidAmount.Exact, phone), .. after],
                })
            .Sample(history =>
            {
                var replayer = new Replayer(history.Amount);
                replayer.RunAll(history.Steps);
                var payment = replayer.Payment;
                Assert.Equal(PaymentStatus.Completed, payment.Status);
                Assert.Single(payment.Raised(), e => e is PaymentCompleted or PaymentCompletedLate);
            }, iter: 1000, print: Describe);

    /// <summary>Replays a history on a fresh payment and prints every step with the payment after it.</summary>
    private static string Describe(History history)
    {
        var replayer = new Replayer(history.Amount, checkInvariants: false);
        try
        {
            replayer.RunAll(history.Steps);
        }
#pragma warning disable CA1031 // printing a counterexample must not fail on the exception being reported
        catch (Exception exception)
#pragma warning restore CA1031
        {
            replayer.Trace.AppendLine(CultureInfo.InvariantCulture, $"   !! {exception.GetType().Name}: {exception.Message}");
        }

        return Environment.NewLine + replayer.Trace;
    }

    private sealed record History(int Amount, IReadOnlyList<Step> Steps)
    {
        public override string ToString() => $"amount {Amount}, {Steps.Count} steps: {string.Join("; ", Steps)}";
    }

    private abstract record Step;

    /// <summary>A success callback (with a receipt) for the attempt <see cref="Back"/> attempts before the current one.</summary>
    private sealed record SuccessCallback(int Back, PaidAmount Amount, PayerPhone Phone) : Step
    {
        public override string ToString() => $"success callback (back {Back}, amount {Amount}, phone {Phone})";
    }

    private sealed record FailureCallback(int Back, string Code) : Step
    {
        public override string ToString() => $"failure callback {Code} (back {Back})";
    }

    /// <summary>An STK Push Query answer: no receipt, ever.</summary>
    private sealed record QueryAnswer(int Back, string Code) : Step
    {
        public override string ToString() => $"query answer {Code} (back {Back})";
    }

    /// <summary>Safaricom sends one of the results it already sent again (a duplicate, possibly late).</summary>
    private sealed record Replay(int Index) : Step
    {
        public override string ToString() => $"replay result {Index}";
    }

    /// <summary>
    /// A client retries (Payments:MaxAttempts 3), acknowledging an unknown outcome or not; if the payment takes the retry,
    /// Daraja accepts the new push.
    /// </summary>
    private sealed record RetryWithNewPush(bool Acknowledge) : Step
    {
        public override string ToString() => $"retry{(Acknowledge ? " (outcome unknown acknowledged)" : string.Empty)} + push accepted";
    }

    /// <summary>
    /// A retry's new attempt is committed and its push sent; before Daraja's answer is recorded, a success for the
    /// attempt before arrives (late). Then Daraja's answer to the new push is recorded on the payment as it now stands.
    /// </summary>
    private sealed record RetryRacingLateSuccess(PaidAmount Amount, PayerPhone Phone) : Step
    {
        public override string ToString() => $"retry racing a late success (amount {Amount}, phone {Phone})";
    }

    /// <summary>The reconciler looks at the attempt due (if any): asked Safaricom (a ResultCode, or none: null), then expires it past the window.</summary>
    private sealed record ReconcilerPass(string? QueryCode) : Step
    {
        public override string ToString() => $"reconciler pass (query {QueryCode ?? "without outcome"})";
    }

    /// <summary>The reconciler asked STK Push Query and heard "still processing" (answered) or nothing usable.</summary>
    private sealed record QueryWithoutOutcome(int Back, bool Answered) : Step
    {
        public override string ToString() => $"query without outcome (back {Back}, {(Answered ? "still processing" : "no answer")})";
    }

    /// <summary>A client retries, but Daraja's answer to the new push is lost (timeout): the attempt is Unknown, without a CheckoutRequestID.</summary>
    private sealed record RetryWithLostAnswer : Step
    {
        public override string ToString() => "retry + push answer lost";
    }

    /// <summary>Daraja's acceptance of the current push arrives (late) with a fresh CheckoutRequestID.</summary>
    private sealed record LateAcceptance : Step
    {
        public override string ToString() => "late push acceptance";
    }

    /// <summary>
    /// A matching success arrives for a CheckoutRequestID no attempt has; as the reconciler does, it is attached to the
    /// attempt whose push answer was lost (if any) and applied.
    /// </summary>
    private sealed record SuccessForLostPush : Step
    {
        public override string ToString() => "success for a lost push";
    }

    private sealed record Expire(int Back) : Step
    {
        public override string ToString() => $"expire (back {Back})";
    }

    /// <summary>A result for a CheckoutRequestID none of the payment's attempts has.</summary>
    private sealed record StrayResult(string Code) : Step
    {
        public override string ToString() => $"stray result {Code}";
    }

    private sealed record Wait(int Seconds) : Step
    {
        public override string ToString() => $"wait {Seconds}s";
    }

    /// <summary>A result Safaricom sent, and whether it matches the payment (bare query successes match by definition).</summary>
    private sealed record SentResult(StkResult Result, bool Matches);

    /// <summary>What can be compared before and after a step.</summary>
    private sealed record State(
        PaymentStatus Status,
        string? Receipt,
        string? ReviewReason,
        string? FailureCode,
        DateTimeOffset? CompletedAt,
        int Amount,
        string Phone,
        string AccountReference,
        string Description,
        DateTimeOffset CreatedAt,
        string Attempts,
        int Version,
        DateTimeOffset UpdatedAt)
    {
        public static State Of(Payment payment) => new(payment.Status, payment.MpesaReceiptNumber, payment.ReviewReason?.Code, payment.Failure?.Code,
            payment.CompletedAt, payment.Amount.Value, payment.PhoneNumber.Value, payment.AccountReference.Value, payment.Description.Value,
            payment.CreatedAt, string.Join(" | ", payment.Attempts.Select(Render)), payment.Version, payment.UpdatedAt);

        public State WithoutVersion() => this with { Version = 0, UpdatedAt = default };

        private static string Render(PaymentAttempt a) => string.Join(",", a.Number, a.Status, a.CheckoutRequestId, a.MerchantRequestId, a.ResultCode,
            a.ResultDescription, a.ReceiptNumber, a.PaidAmount, a.PaidAt, a.CompletedAt, a.SentAt, a.ResultSource, a.InFlightPhoneNumber, a.NextQueryAt);
    }

    /// <summary>Applies steps to one payment, keeps a readable trace, and checks the invariants after each step.</summary>
    private sealed class Replayer
    {
        private readonly int _amount;
        private readonly bool _checkInvariants;
        private readonly List<SentResult> _sent = [];
        private DateTimeOffset _now = Start;
        private int _receipts;
        private int _pushes;
        private int _stepNumber;
        private bool _matchingSuccessDelivered;

        public Replayer(int amount, bool checkInvariants = true)
        {
            _amount = amount;
            _checkInvariants = checkInvariants;
            Payment = Payment.Initiate(PaymentId.New(), new ClientId("client-a"), "key-1", Msisdn.Parse(Phone), new Amount(amount),
                AccountReference.Parse("INV-001"), Description.Parse("Shield plan"), _now);
            Accept(1);
            Trace.AppendLine(CultureInfo.InvariantCulture, $"0. initiate KES {amount}, push #1 accepted -> {Show()}");
            CheckInvariants(State.Of(Payment), Payment.Attempts.Count, "initiate");
        }

        public Payment Payment { get; }

        public StringBuilder Trace { get; } = new();

        public void RunAll(IEnumerable<Step> steps)
        {
            foreach (var step in steps)
            {
                Run(step);
            }
        }

        private void Run(Step step)
        {
            _stepNumber++;
            var before = State.Of(Payment);
            var attemptsBefore = Payment.Attempts.Count;
            var (what, outcome, refused) = step switch
            {
                Wait wait => Advance(wait),
                SuccessCallback success => Answer(success.Back, checkout => NewSuccess(checkout, success)),
                FailureCallback failure => Answer(failure.Back,
                    checkout => new SentResult(new StkResult(checkout, failure.Code, "Failed", null), Matches: true)),
                QueryAnswer query => Answer(query.Back,
                    checkout => new SentResult(new StkResult(checkout, query.Code, "Queried", null, ResultSource.Query), Matches: true)),
                QueryWithoutOutcome query => Outcome($"query without outcome for #{Target(query.Back).Number}",
                    Reconciliation.RecordQueryAnswer(Payment, Target(query.Back).Number, query.Answered ? AttemptCheck.NoOutcome : AttemptCheck.Unanswered,
                        ReconciliationSchedule.Default, _now), mustSucceed: true),
                Replay when _sent.Count == 0 => ("replay (nothing sent yet)", "-", false),
                Replay replay => Deliver(_sent[replay.Index % _sent.Count], $"replay of result {replay.Index % _sent.Count}", record: false),
                RetryWithNewPush retry => Retry(answerLost: false, retry.Acknowledge),
                RetryWithLostAnswer => Retry(answerLost: true, acknowledge: true),
                RetryRacingLateSuccess race => RetryRacingLateSuccessOf(race),
                ReconcilerPass pass => Reconcile(pass),
                LateAcceptance => Outcome($"late acceptance of #{Payment.CurrentAttempt.Number}",
                    Payment.RecordPushAccepted(Payment.CurrentAttempt.Number, "mr-late", NextCheckoutRequestId(), _now), mustSucceed: false),
                SuccessForLostPush => AttachAndApply(),
                Expire expire => Outcome($"expire #{Target(expire.Back).Number}", Reconciliation.Expire(Payment, Target(expire.Back).Number, _now), mustSucceed: true),
                StrayResult stray => Deliver(new SentResult(new StkResult("ws_CO_nobody", stray.Code, "Stray", null), Matches: true),
                    $"stray result {stray.Code}", record: false),
                _ => throw new InvalidOperationException($"Unknown step {step}"),
            };

            Trace.AppendLine(CultureInfo.InvariantCulture, $"{_stepNumber}. {what} -> {outcome}; {Show()}");
            if (refused)
            {
                Require(State.Of(Payment) == before, "a refused operation changes nothing");
            }

            CheckInvariants(before, attemptsBefore, what);
        }

        private (string, string, bool) Advance(Wait wait)
        {
            _now = _now.AddSeconds(wait.Seconds);
            return ($"wait {wait.Seconds}s", "-", false);
        }

        /// <summary>
        /// A result for the attempt <paramref name="back"/> before the current one or, when that one has no CheckoutRequestID (its push
        /// answer was lost), for the latest earlier attempt that has one (attempt #1 always has).
        /// </summary>
        private (string, string, bool) Answer(int back, Func<string, SentResult> result)
        {
            var attempt = Payment.Attempts.Take(Target(back).Number).Last(a => a.CheckoutRequestId is not null);
            return Deliver(result(attempt.CheckoutRequestId!), $"#{attempt.Number}");
        }

        private SentResult NewSuccess(string checkoutRequestId, SuccessCallback step)
        {
            var paid = step.Amount switch
            {
                PaidAmount.Exact => _amount,
                PaidAmount.ExactWithCents => decimal.Parse($"{_amount}.00", CultureInfo.InvariantCulture),
                PaidAmount.OneLess => _amount - 1,
                PaidAmount.OneMore => _amount + 1,
                PaidAmount.Half => _amount + 0.5m,
                _ => 1_000_000_000m,
            };
            var phone = step.Phone switch
            {
                PayerPhone.Same => Phone,
                PayerPhone.Missing => null,
                PayerPhone.Masked => Msisdn.Mask(Phone),
                _ => "254711000999",
            };
            var receipt = new Receipt($"RCP{++_receipts:D7}", paid, _now.AddSeconds(-1), phone);
            var matches = paid == _amount && step.Phone != PayerPhone.Other;
            return new SentResult(new StkResult(checkoutRequestId, ResultCodes.Success, "The service request is processed successfully.", receipt), matches);
        }

        private (string, string, bool) AttachAndApply()
        {
            var checkout = NextCheckoutRequestId();
            var success = new SentResult(new StkResult(checkout, ResultCodes.Success, "The service request is processed successfully.",
                new Receipt($"RCP{++_receipts:D7}", _amount, _now, Phone)), Matches: true);
            if (Payment.Attempts.LastOrDefault(a => a.AwaitsItsCheckoutRequestId) is not { } lost)
            {
                return ($"success for unknown {checkout}, no lost push to attach it to", "kept unmatched", false);
            }

            var attached = Payment.AttachCheckoutRequestId(lost.Number, checkout, _now);
            Require(attached.IsSuccess, "the attempt awaiting its CheckoutRequestID takes it");
            var (what, outcome, _) = Deliver(success, $"#{lost.Number} (attached {checkout})");
            return (what, outcome, false);
        }

        private (string, string, bool) Deliver(SentResult sent, string target, bool record = true)
        {
            var result = sent.Result;
            var attempt = Payment.Attempts.FirstOrDefault(a => a.CheckoutRequestId == result.CheckoutRequestId);
            var wasCompleted = Payment.Status == PaymentStatus.Completed;
            var statusBefore = Payment.Status;
            var attemptSucceededBefore = attempt?.Status == AttemptStatus.Succeeded;
            var attemptHadReceipt = attempt?.ReceiptNumber is not null;
            if (record)
            {
                _sent.Add(sent);
            }

            var applied = Payment.ApplyStkResult(result, _now);
            var outcome = applied.IsSuccess ? applied.Value.ToString() : applied.Error!.Code;
            var what = $"{(result.Source == ResultSource.Query ? "query" : "callback")} {result.ResultCode}"
                + (result.Receipt is { } paid ? $" {paid.Number} KES {paid.Amount} phone {paid.PhoneNumber ?? "none"}" : string.Empty) + $" for {target}";
            if (attempt is null)
            {
                Require(applied.Error?.Code == "attempt_not_found", "a result for an unknown CheckoutRequestID is refused as attempt_not_found");
                return (what, outcome, true);
            }

            Require(applied.IsSuccess, "a result for a known attempt is never refused");
            if (ResultCodes.Classify(result.ResultCode) != StkOutcome.Succeeded)
            {
                return (what, outcome, false);
            }

            if (sent.Matches)
            {
                // A bare query "paid" cannot settle an attempt whose callback carried a receipt that did not match
                // (Payment.ApplySuccess); every other matching success must win.
                if (result.Receipt is not null || attemptSucceededBefore || !attemptHadReceipt)
                {
                    _matchingSuccessDelivered = true;
                }
            }
            else
            {
                var reason = result.Receipt!.Amount != _amount ? "amount_mismatch" : "phone_mismatch";
                Require(wasCompleted || Payment.Status == statusBefore, "(6) a success that does not match never completes the payment");
                Require(Payment.MpesaReceiptNumber != result.Receipt.Number, "(6) a receipt that does not match is never the payment's receipt");
                if (!attemptSucceededBefore)
                {
                    Require(Payment.ReviewReason?.Code == reason, $"(6) a success that does not match flags the payment for review ({reason})");
                }
            }

            return (what, outcome, false);
        }

        private (string, string, bool) RetryRacingLateSuccessOf(RetryRacingLateSuccess race)
        {
            var retried = Payment.Retry(MaxAttempts, _now, outcomeUnknownAcknowledged: true);
            if (retried.IsFailure)
            {
                return ("retry racing a late success", retried.Error!.Code, true);
            }

            var number = retried.Value.Number;
            var previous = Payment.Attempts.Take(number - 1).Last(a => a.CheckoutRequestId is not null);
            var (late, lateOutcome, _) = Deliver(NewSuccess(previous.CheckoutRequestId!, new SuccessCallback(0, race.Amount, race.Phone)), $"#{previous.Number}");
            _now = _now.AddSeconds(1);
            var checkout = NextCheckoutRequestId();
            var accepted = Payment.RecordPushAccepted(number, $"mr-{_pushes}", checkout, _now);
            Require(accepted.IsSuccess, "Daraja's answer to a push is recorded whatever happened to the payment meanwhile");
            Require(Payment.Attempts[number - 1].CheckoutRequestId == checkout, "Daraja's answer to a push is never discarded");
            return ($"retry -> #{number}; late {late} -> {lateOutcome}; then push #{number} accepted", "ok", false);
        }

        private (string, string, bool) Reconcile(ReconcilerPass pass)
        {
            if (Reconciliation.AttemptDue(Payment, ReconciliationSchedule.Default, _now) is not { } due)
            {
                return ("reconciler pass (nothing due)", "-", false);
            }

            var check = due.CheckoutRequestId is null || due.Status != AttemptStatus.AwaitingCustomer
                ? AttemptCheck.NotAsked
                : pass.QueryCode is { } code ? AttemptCheck.Answered(code, "Queried") : AttemptCheck.NoOutcome;
            if (check is AttemptCheck.Answer { ResultCode: ResultCodes.Success })
            {
                _matchingSuccessDelivered |= due.ReceiptNumber is null || due.Status == AttemptStatus.Succeeded;
            }

            var decided = Reconciliation.Reconcile(Payment, due.Number, check, ReconciliationSchedule.Default, _now);
            Require(decided.IsSuccess, "the reconciler's decision on a due attempt is never refused");
            if (decided.Value == ReconciliationOutcome.Expired)
            {
                Require(due.IsTerminal && due.InFlightPhoneNumber is null, "an expired attempt is finished and releases the phone");
            }

            return ($"reconciler pass on #{due.Number} ({check})", decided.Value.ToString(), false);
        }

        private (string, string, bool) Retry(bool answerLost, bool acknowledge)
        {
            var retried = Payment.Retry(MaxAttempts, _now, acknowledge);
            if (retried.IsFailure)
            {
                return ("retry", retried.Error!.Code, true);
            }

            var number = retried.Value.Number;
            if (answerLost)
            {
                _now = _now.AddSeconds(1);
                var unknown = Payment.RecordPushOutcomeUnknown(number, NoAnswerReason.TimedOut, _now);
                Require(unknown.IsSuccess, "a new attempt takes a lost push answer");
                return ($"retry -> #{number}, push answer lost", "ok", false);
            }

            Accept(number);
            return ($"retry -> #{number}, push accepted", "ok", false);
        }

        private (string, string, bool) Outcome(string what, Result result, bool mustSucceed)
        {
            if (mustSucceed)
            {
                Require(result.IsSuccess, $"{what} is never refused");
            }

            return (what, result.IsSuccess ? "ok" : result.Error!.Code, result.IsFailure);
        }

        private void Accept(int attemptNumber)
        {
            _now = _now.AddSeconds(1);
            var accepted = Payment.RecordPushAccepted(attemptNumber, $"mr-{_pushes + 1}", NextCheckoutRequestId(), _now);
            Require(accepted.IsSuccess, "a new attempt takes Daraja's acceptance");
        }

        private string NextCheckoutRequestId() => $"ws_CO_{++_pushes:D4}";

        private PaymentAttempt Target(int back) => Payment.Attempts[Math.Max(0, Payment.Attempts.Count - 1 - back)];

        private void CheckInvariants(State before, int attemptsBefore, string what)
        {
            if (!_checkInvariants)
            {
                return;
            }

            var after = State.Of(Payment);
            var attempts = Payment.Attempts;
            var succeeded = attempts.Count(a => a.Status == AttemptStatus.Succeeded);

            // (1) a success is never lost
            if (_matchingSuccessDelivered)
            {
                Holds(Payment.Status == PaymentStatus.Completed, "(1) once a matching success arrived, the payment is Completed");
            }

            Holds((Payment.Status == PaymentStatus.Completed) == (succeeded > 0), "(1) Completed exactly when an attempt Succeeded");

            // (2) Completed is never downgraded, its receipt never changes
            if (before.Status == PaymentStatus.Completed)
            {
                Holds(Payment.Status == PaymentStatus.Completed, "(2) Completed stays Completed");
            }

            if (before.Receipt is not null)
            {
                Holds(Payment.MpesaReceiptNumber == before.Receipt, "(2) the receipt, once set, never changes or disappears");
            }

            if (before.ReviewReason is not null)
            {
                Holds(Payment.ReviewReason is not null, "a review flag is never cleared");
            }

            // (3) at most one attempt in flight, and only the current one
            var inFlight = attempts.Where(a => a.IsInFlight).ToList();
            Holds(inFlight.Count <= 1, "(3) at most one attempt is in flight");
            Holds(inFlight.All(a => a == Payment.CurrentAttempt), "(3) only the current attempt can be in flight");
            var holdingPhone = attempts.Where(a => a.InFlightPhoneNumber is not null).ToList();
            Holds(holdingPhone.Count <= 1, "(3) at most one attempt holds the phone (the unique index)");
            Holds(holdingPhone.All(a => !a.IsTerminal), "(3) a finished attempt releases the phone");

            // (4) what the client asked for never changes
            Holds(after.Amount == before.Amount && after.Phone == before.Phone && after.AccountReference == before.AccountReference
                && after.Description == before.Description && after.CreatedAt == before.CreatedAt, "(4) amount, phone, account reference never change");

            // (5) the concurrency token moves with every change
            Holds(after.Version >= before.Version, "(5) Version never decreases");
            Holds(after.UpdatedAt >= before.UpdatedAt, "UpdatedAt never goes back");
            if (after.UpdatedAt != before.UpdatedAt || after.WithoutVersion() != before.WithoutVersion())
            {
                Holds(after.Version > before.Version, "(5) every change (and every new UpdatedAt) bumps Version");
            }

            // (7) attempts are numbered 1..n, at most MaxAttempts, each with its own CheckoutRequestID
            Holds(attempts.Select(a => a.Number).SequenceEqual(Enumerable.Range(1, attempts.Count)), "(7) attempts are numbered 1..n in order");
            Holds(attempts.Count <= MaxAttempts && attempts.Count >= attemptsBefore, "(7) attempts are only added, up to MaxAttempts");
            var checkouts = attempts.Select(a => a.CheckoutRequestId).OfType<string>().ToList();
            Holds(checkouts.Distinct().Count() == checkouts.Count, "no two attempts share a CheckoutRequestID");

            // A push whose outcome was never learned may have charged the customer: never offered as retriable, always reviewed.
            if (Payment.Failure is { Code: FailureCatalogue.OutcomeUnknownCode } unknown)
            {
                Holds(!unknown.Retriable && Payment.ReviewReason is not null, "an unknown outcome is not retriable and is flagged for review");
            }

            // Outcome fields agree with the status; completion is announced exactly once; a second success is a duplicate charge.
            var settled = Payment.Status is PaymentStatus.Failed or PaymentStatus.Cancelled or PaymentStatus.Expired;
            Holds((Payment.Failure is not null) == settled, "a payment has a Failure exactly when it is Failed, Cancelled or Expired");
            Holds((Payment.CompletedAt is not null) == (Payment.Status == PaymentStatus.Completed), "CompletedAt is set exactly when Completed");
            var completions = Payment.Raised().Count(e => e is PaymentCompleted or PaymentCompletedLate);
            Holds(completions == (Payment.Status == PaymentStatus.Completed ? 1 : 0), "completion is announced exactly once");
            var duplicates = Payment.Raised().Count(e => e is PaymentFlaggedForReview { Reason.Code: "duplicate_charge" });
            Holds(duplicates == Math.Max(0, succeeded - 1), "every success after the first is reported as a duplicate charge");
            if (duplicates > 0)
            {
                Holds(Payment.ReviewReason is not null, "a duplicate charge needs review");
            }

            void Holds(bool condition, string rule)
            {
                if (!condition)
                {
                    Assert.Fail($"Invariant broken after step {_stepNumber} ({what}): {rule}.{Environment.NewLine}{Trace}");
                }
            }
        }

        private void Require(bool condition, string rule)
        {
            if (_checkInvariants && !condition)
            {
                Assert.Fail($"Rule broken at step {_stepNumber}: {rule}.{Environment.NewLine}{Trace}");
            }
        }

        private string Show() =>
            string.Create(CultureInfo.InvariantCulture, $"{Payment.Status} v{Payment.Version} receipt={Payment.MpesaReceiptNumber ?? "-"} review={Payment.ReviewReason?.Code ?? "-"} ")
            + "[" + string.Join(", ", Payment.Attempts.Select(a => $"#{a.Number} {a.Status}{(a.ReceiptNumber is null ? string.Empty : " " + a.ReceiptNumber)}")) + "]";
    }
}
