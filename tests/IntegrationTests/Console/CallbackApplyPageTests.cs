using System.Globalization;
using Microsoft.Playwright;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Domain.Callbacks;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// Applying an unmatched success in the browser: a push whose answer Daraja lost (FakeDaraja answers a 502 page) and a
/// success callback whose phone Safaricom masked, so nothing could match them; an operator compares and applies.
/// </summary>
public sealed class CallbackApplyPageTests(CallbackApplyPageTests.Fixture console) : IClassFixture<CallbackApplyPageTests.Fixture>
{
    public sealed class Fixture : ConsoleFixture
    {
        public Fixture()
            : this(new FakeDaraja())
        {
        }

        private Fixture(FakeDaraja daraja)
            : base(new Dictionary<string, string?> { ["Mpesa:BaseUrl"] = daraja.Url.ToString(), ["Reconciliation:Enabled"] = "false" }) =>
            Daraja = daraja;

        public FakeDaraja Daraja { get; }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Daraja.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task Apply_AnUnmatchedSuccessAfterComparing_CompletesTheChosenPaymentOnce_AndIsAudited()
    {
        using var client = console.App.Client();
        var id = await client.LostPushAnswerAsync(console.Daraja, Phones.Next(), 75);
        var receipt = OperatorQueries.NewReceipt();
        var checkout = "ws_CO_0112202612" + Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var callback = await CallbackInboxTests.PostAsync(console.App, StkCallbacks.Success(checkout, 75, receipt, "\"2547****149\""));
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;

        await page.GotoAsync("/console/callbacks");
        await Expect(page.Locator($"tr[data-callback='{callback}']")).ToContainTextAsync("Unmatched");
        await ConsolePages.SubmitAsync(page, () => page.Locator($"tr[data-callback='{callback}'] a").ClickAsync());
        await Expect(page.Locator("#callback-body")).ToContainTextAsync(receipt);
        await page.Locator("#payment").FillAsync(id.ToString());
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync());
        var compare = page.Locator("#compare");
        await Expect(compare).ToContainTextAsync(receipt);
        await Expect(compare).ToContainTextAsync("75");
        await Screens.TakeAsync(page, "callback-apply");
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Apply this callback") }).ClickAsync());

        await Expect(page.Locator("h1")).ToContainTextAsync("Completed");
        var payment = await client.GetPaymentAsync(id);
        Assert.Equal((PaymentStatus.Completed, receipt), (payment.Status, payment.MpesaReceiptNumber));
        Assert.Equal(CallbackOutcome.Applied, (await console.App.WithDatabase(db => db.Callbacks.FindAsync(callback).AsTask()))!.Outcome);
        var audit = await console.AuditAsync(new AuditFilter(Action: "callback.apply"));
        Assert.Contains(audit, e => (e.ObjectType, e.ObjectId, e.Actor) == ("callback", callback.ToString(), ConsoleOperators.Operator.Actor));

        // Applied again (the form re-posted), the command refuses it and the payment is unchanged.
        var token = await ConsolePages.AntiforgeryTokenAsync(page);
        await ConsolePages.PostFormAsync(context, $"/console/callbacks/{callback}?handler=Apply",
            new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = token, ["payment"] = id.ToString() });
        Assert.Contains(await console.AuditAsync(new AuditFilter(Action: "callback.apply", ObjectId: callback.ToString())),
            e => e.Outcome == Domain.OperatorConsole.AuditOutcome.Refused && e.Detail!.StartsWith("callback_not_unmatched", StringComparison.Ordinal));
        Assert.Equal(receipt, (await client.GetPaymentAsync(id)).MpesaReceiptNumber);
    }

    [BrowserFact]
    public async Task Compare_AnUnmatchedSuccessWithAnotherAmount_WarnsBeforeApplying_AndApplyingFlagsAmountMismatch()
    {
        using var client = console.App.Client();
        var id = await client.LostPushAnswerAsync(console.Daraja, Phones.Next(), 500);
        var checkout = "ws_CO_0112202613" + Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var callback = await CallbackInboxTests.PostAsync(console.App, StkCallbacks.Success(checkout, 50, OperatorQueries.NewReceipt(), "\"2547****149\""));
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;

        await page.GotoAsync($"/console/callbacks/{callback}?payment={id}");
        await Expect(page.Locator(".problem")).ToContainTextAsync("the amount");
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Apply this callback") }).ClickAsync());

        var payment = await client.GetPaymentAsync(id);
        Assert.Equal(("amount_mismatch", PaymentStatus.Pending), (payment.ReviewReason, payment.Status));
        await page.GotoAsync("/console/review");
        await Expect(page.Locator("table")).ToContainTextAsync("amount_mismatch");
        await Screens.TakeAsync(page, "review");
    }
}
