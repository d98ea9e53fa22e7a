using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// Defect 1 of issue 11 as a load: ten Expired payments (1037), each hit by a burst of 25 concurrent requests, retries,
/// verifies and late success callbacks for attempt 1, while Daraja takes a moment to accept each push. Whatever wins,
/// Daraja's answer to a push is never discarded, no attempt is left in flight or holding the phone, no request is
/// refused with a bare concurrency conflict, and when the customer pays the second prompt it is applied and flagged as
/// a duplicate charge.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RetryRaceBurstTests(ITestOutputHelper output)
{
    private const int PaymentCount = 10;
    private const int Retries = 8;
    private const int Verifies = 7;
    private const int LateSuccesses = 10;
    private static readonly TimeSpan PushDelay = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan ExpireAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task RetryBurst_RacingLateSuccessesAndVerifies_EveryPushAnswerKeptAndNoAttemptLeftOpen()
    {
        var wall = Stopwatch.StartNew();
        await using var daraja = new BurstDaraja(PushDelay);
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Reconciliation:Interval"] = "00:00:00.200",
            ["Reconciliation:FirstQueryAfter"] = "00:00:00.500",
            ["Reconciliation:ExpireAfter"] = ExpireAfter.ToString(),
            ["RateLimits:ClientRequestsPerMinute"] = "100000",
            ["RateLimits:PhonePushesPerHour"] = "1000",
        });
        using var client = app.Client();
        using var safaricom = app.Anonymous();

        // Ten payments whose first prompt the customer never answered (1037): Expired, retriable.
        var payments = new List<Expired>();
        for (var i = 0; i < PaymentCount; i++)
        {
            var phone = Phones.Next();
            var created = await client.CreatePaymentAsync(phone, 100 + i);
            var checkout = created.Attempts[0].CheckoutRequestId!;
            daraja.Know(checkout, "1037", "No response from user.");
            using var failed = await safaricom.PostCallbackAsync(StkCallbacks.Failure(checkout, 1037, "No response from user."));
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            var expired = await client.WaitForAsync(created.Id, p => p.Status == PaymentStatus.Expired, seconds: 10);
            Assert.Equal(PaymentStatus.Expired, expired.Status);
            payments.Add(new Expired(i, created.Id, Phones.Msisdn(phone), 100 + i, checkout));
        }

        // The bursts, one payment after another.
        var answers = new ConcurrentBag<Answer>();
        foreach (var payment in payments)
        {
            await BurstAsync(client, safaricom, daraja, payment, answers);
        }

        // The reconciler's turn: every attempt still open must be queried and, without an outcome, expired.
        var deadline = Stopwatch.StartNew();
        var ids = payments.Select(p => new PaymentId(p.Id)).ToList();
        while (deadline.Elapsed < ExpireAfter * 3 + TimeSpan.FromSeconds(15)
            && await app.WithDatabase(db => db.Payments.Where(p => ids.Contains(p.Id)).SelectMany(p => p.Attempts)
                .AnyAsync(a => a.InFlightPhoneNumber != null || a.Status == AttemptStatus.Sending || a.Status == AttemptStatus.AwaitingCustomer)))
        {
            await Task.Delay(200);
        }

        var stored = await app.WithDatabase(db => db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync());
        var rows = payments.Select(p => new Row(p, stored.Single(s => s.Id.Value == p.Id), daraja.Accepted(p.Phone), [.. answers.Where(a => a.PaymentId == p.Id)])).ToList();

        // The customer pays every second prompt Daraja accepted.
        var secondCallbacks = new List<(Row Row, string CheckoutRequestId, string Body)>();
        foreach (var row in rows)
        {
            foreach (var checkout in row.Pushes.Skip(1))
            {
                var body = StkCallbacks.Success(checkout, row.Payment.Amount, $"SC{row.Payment.Index:D2}{checkout[^6..]}", row.Payment.Phone);
                daraja.Know(checkout, "0", "The service request is processed successfully.");
                using var paid = await safaricom.PostCallbackAsync(body);
                Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
                secondCallbacks.Add((row, checkout, body));
            }
        }

        var bodies = secondCallbacks.Select(c => c.Body).ToList();
        var inbox = await app.WithDatabase(db => db.Callbacks.AsNoTracking().Where(c => bodies.Contains(c.Body)).Select(c => new { c.Body, c.Outcome }).ToListAsync());
        var afterPaying = await app.WithDatabase(db => db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync());

        var report = new StringBuilder();
        var defective = 0;
        var conflicted = 0;
        var totals = new int[6];
        foreach (var row in rows)
        {
            var payment = row.Stored;
            var onAttempts = payment.Attempts.Select(a => a.CheckoutRequestId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var discarded = row.Pushes.Count(c => !onAttempts.Contains(c));
            var openWithoutAnswer = payment.Attempts.Count(a => (a.Status == AttemptStatus.Sending && a.CheckoutRequestId is null) || a.InFlightPhoneNumber is not null);
            var awaitingOnCompleted = payment.Status == PaymentStatus.Completed ? payment.Attempts.Count(a => a.Status == AttemptStatus.AwaitingCustomer) : 0;
            var refused = row.Answers.Count(a => a.Operation != "callback" && (a.Status == 500 || (a.Status == 409 && a.Code == "concurrency_conflict")));
            var paidAfter = afterPaying.Single(p => p.Id.Value == row.Payment.Id);
            var mine = secondCallbacks.Where(c => c.Row == row).ToList();
            var unapplied = mine.Count(c => inbox.Any(i => i.Body == c.Body && i.Outcome is CallbackOutcome.Unmatched or CallbackOutcome.Received)
                || paidAfter.Attempts.SingleOrDefault(a => a.CheckoutRequestId == c.CheckoutRequestId)?.Status != AttemptStatus.Succeeded);
            var notFlagged = mine.Count > 0 && (paidAfter.Status != PaymentStatus.Completed || paidAfter.ReviewReason?.Code != "duplicate_charge") ? 1 : 0;
            int[] counts = [discarded, openWithoutAnswer, awaitingOnCompleted, refused, unapplied, notFlagged];
            for (var k = 0; k < counts.Length; k++)
            {
                totals[k] += counts[k];
            }

            var lostPush = discarded + openWithoutAnswer + awaitingOnCompleted + unapplied + notFlagged > 0;
            defective += lostPush ? 1 : 0;
            conflicted += refused > 0 ? 1 : 0;
            report.AppendLine(System.Globalization.CultureInfo.InvariantCulture,
                $"payment {row.Payment.Index}: pushes={row.Pushes.Count} {Summary(row.Answers)} -> {payment.Status}" +
                $" [{string.Join(" ", payment.Attempts.OrderBy(a => a.Number).Select(a => $"#{a.Number}:{a.Status}{(a.CheckoutRequestId is null ? "(no id)" : string.Empty)}{(a.InFlightPhoneNumber is null ? string.Empty : "(holds phone)")}"))}]" +
                $" discarded={discarded} open={openWithoutAnswer} awaitingOnCompleted={awaitingOnCompleted} refused={refused} unapplied={unapplied} notFlagged={notFlagged}" +
                $" after paying: {paidAfter.Status} review={paidAfter.ReviewReason?.Code ?? "-"}{(lostPush ? " DEFECT" : string.Empty)}");
        }

        var summary = $"engine={app.Database.Provider} payments={PaymentCount} burst={Retries} retries+{Verifies} verifies+{LateSuccesses} late successes " +
            $"pushDelay={PushDelay.TotalMilliseconds:0}ms secondPushes={secondCallbacks.Count} lostPushDefect={defective}/{PaymentCount} " +
            $"conflictOr500={conflicted}/{PaymentCount} | discardedAnswers={totals[0]} attemptsOpenOrHoldingPhone={totals[1]} " +
            $"awaitingOnCompleted={totals[2]} refused409or500={totals[3]} secondSuccessUnapplied={totals[4]} notFlaggedDuplicate={totals[5]} " +
            $"wall={wall.Elapsed.TotalSeconds:0.0}s";
        output.WriteLine(summary);
        output.WriteLine(report.ToString());
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "shield-burst-figures.txt"), $"{DateTime.UtcNow:O} {app.Database.Provider} {summary}\n");

        Assert.True(secondCallbacks.Count > 0, "No retry reached Daraja: the burst tested nothing.");
        (string What, int Count)[] checks =
        [
            ("pushes Daraja accepted whose CheckoutRequestID is on no attempt", totals[0]),
            ("attempts left Sending without CheckoutRequestID, or holding the phone", totals[1]),
            ("attempts left AwaitingCustomer on a Completed payment after ExpireAfter", totals[2]),
            ("retries or verifies answered 500 or 409 concurrency_conflict", totals[3]),
            ("second successes not applied to their attempt (Unmatched)", totals[4]),
            ("payments paid twice not Completed with reviewReason duplicate_charge", totals[5]),
        ];
        var violations = checks.Where(c => c.Count != 0).Select(c => $"{c.What}: {c.Count}").ToList();
        Assert.True(violations.Count == 0, string.Join("; ", violations));
    }

    /// <summary>
    /// 25 requests at once, in a shuffled order. Half the late successes go with the burst; the other half as soon as
    /// Daraja has the retry's push (or the rest of the burst is over), so they land while that push is in flight.
    /// </summary>
    private static async Task BurstAsync(HttpClient client, HttpClient safaricom, BurstDaraja daraja, Expired payment, ConcurrentBag<Answer> answers)
    {
        var random = new Random(payment.Index);
        var operations = Enumerable.Repeat("retry", Retries).Concat(Enumerable.Repeat("verify", Verifies)).OrderBy(_ => random.Next()).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = operations.Select(operation => Task.Run(async () =>
        {
            await go.Task;
            using var response = await client.PostAsync(new Uri($"api/v1/payments/{payment.Id}/{operation}", UriKind.Relative), null);
            answers.Add(new Answer(payment.Id, operation, (int)response.StatusCode, ProblemCode(await response.Content.ReadAsStringAsync())));
        })).ToList();
        var rest = Task.WhenAll(requests);
        var late = StkCallbacks.Success(payment.CheckoutRequestId, payment.Amount, $"LATE{payment.Index:D6}", payment.Phone);
        var callbacks = Enumerable.Range(0, LateSuccesses).Select(k => Task.Run(async () =>
        {
            await go.Task;
            if (k % 2 == 1)
            {
                await Task.WhenAny(daraja.PushReceived(payment.Phone, 2), rest);
            }

            daraja.Know(payment.CheckoutRequestId, "0", "The service request is processed successfully.");
            using var response = await safaricom.PostCallbackAsync(late);
            answers.Add(new Answer(payment.Id, "callback", (int)response.StatusCode, null));
        })).ToList();
        go.SetResult();
        await Task.WhenAll(requests.Concat(callbacks)).WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static string Summary(IEnumerable<Answer> answers) =>
        string.Join(" ", answers.GroupBy(a => a.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            $"{g.Key}[{string.Join(",", g.GroupBy(a => a.Code is null ? $"{a.Status}" : $"{a.Status}:{a.Code}").OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}x{s.Count()}"))}]"));

    private static string? ProblemCode(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Expired(int Index, Guid Id, string Phone, int Amount, string CheckoutRequestId);

    private sealed record Answer(Guid PaymentId, string Operation, int Status, string? Code);

    private sealed record Row(Expired Payment, Payment Stored, IReadOnlyList<string> Pushes, IReadOnlyList<Answer> Answers);

    /// <summary>
    /// Daraja for the burst: accepts every push after a delay, each with a new CheckoutRequestID, and records which
    /// phone got which; STK Push Query answers what the test told it (else "still processing"); Transaction Status is
    /// accepted (its result never comes).
    /// </summary>
    private sealed class BurstDaraja : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, (string Code, string Description)> _known = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, List<string>> _accepted = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Phone, int Push), TaskCompletionSource> _received = new();
        private int _pushes;
        private int _conversations;

        public BurstDaraja(TimeSpan pushDelay)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = builder.Build();
            _app.MapGet("/oauth/v1/generate", context =>
                FakeDaraja.Json(context, HttpStatusCode.OK, """{"access_token":"burstDarajaToken00000000000","expires_in":"3599"}"""));
            _app.MapPost("/mpesa/stkpush/v1/processrequest", async context =>
            {
                using var push = await JsonDocument.ParseAsync(context.Request.Body);
                var phone = push.RootElement.GetProperty("PhoneNumber").GetString()!;
                var checkout = $"ws_CO_BURST{Interlocked.Increment(ref _pushes):D6}";
                var list = _accepted.GetOrAdd(phone, _ => []);
                int number;
                lock (list)
                {
                    list.Add(checkout); // accepted: whatever Shield does with the answer, the customer gets this prompt
                    number = list.Count;
                }

                Signal(phone, number);
                await Task.Delay(pushDelay);
                await FakeDaraja.Json(context, HttpStatusCode.OK, FakeDaraja.Accepted(checkout));
            });
            _app.MapPost("/mpesa/stkpushquery/v1/query", async context =>
            {
                using var query = await JsonDocument.ParseAsync(context.Request.Body);
                var checkout = query.RootElement.GetProperty("CheckoutRequestID").GetString()!;
                var (code, description) = _known.TryGetValue(checkout, out var known) ? known : ("4999", "The transaction is still under processing");
                await FakeDaraja.Json(context, HttpStatusCode.OK,
                    "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"The service request has been accepted successsfully\",\"MerchantRequestID\":\"2654-4b64-97ff-b827b542881d3130\",\"CheckoutRequestID\":\""
                    + checkout + "\",\"ResultCode\":\"" + code + "\",\"ResultDesc\":\"" + description + "\"}");
            });
            _app.MapPost("/mpesa/transactionstatus/v1/query", context =>
            {
                var conversation = Interlocked.Increment(ref _conversations);
                return FakeDaraja.Json(context, HttpStatusCode.OK,
                    $$"""{"OriginatorConversationID":"1236-{{conversation:D7}}-1","ConversationID":"AG_20261201_BURST{{conversation:D8}}","ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}""");
            });
            _app.StartAsync().GetAwaiter().GetResult();
            Url = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public Uri Url { get; }

        /// <summary>The CheckoutRequestIDs Daraja accepted for this phone (its MSISDN), in order.</summary>
        public IReadOnlyList<string> Accepted(string phone)
        {
            if (!_accepted.TryGetValue(phone, out var list))
            {
                return [];
            }

            lock (list)
            {
                return [.. list];
            }
        }

        /// <summary>Completes when Daraja has received push number <paramref name="push"/> for this phone.</summary>
        public Task PushReceived(string phone, int push) =>
            _received.GetOrAdd((phone, push), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>What STK Push Query answers for this CheckoutRequestID from now on.</summary>
        public void Know(string checkoutRequestId, string resultCode, string resultDescription) => _known[checkoutRequestId] = (resultCode, resultDescription);

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private void Signal(string phone, int push) =>
            _received.GetOrAdd((phone, push), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
