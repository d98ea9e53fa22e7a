using System.Net.Http.Json;
using Microsoft.Playwright;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.IntegrationTests.Infrastructure;
using Shield.IntegrationTests.Webhooks;
using static Microsoft.Playwright.Assertions;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The console's pages on the simulator, driven in chromium as support and finance use them; screenshots for docs/console.md.</summary>
public sealed class ConsolePageTests(ConsolePageTests.Fixture console) : IClassFixture<ConsolePageTests.Fixture>
{
    /// <summary>A host whose simulator answers quickly and whose webhooks are tried again at once.</summary>
    public sealed class Fixture() : ConsoleFixture(new Dictionary<string, string?>
    {
        ["Simulator:CallbackDelay"] = "00:00:00.200",
        ["Events:PollInterval"] = "00:00:00.050",
        ["Webhooks:PollInterval"] = "00:00:00.050",
        ["Webhooks:RetrySchedule:0"] = "00:00:00",
        ["Webhooks:RetrySchedule:1"] = "00:00:00.300",
        ["Webhooks:RetrySchedule:2"] = "00:00:00.300",
    });

    [BrowserFact]
    public async Task Search_ByReceiptAndByA07Phone_FindsThePayment_AndAViewerSeesItsPhoneMasked()
    {
        using var client = console.App.Client();
        var local = Phones.Next();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(local, 250)).Id);
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Viewer);
        await using var _ = context;

        await page.GotoAsync("/console/payments");
        await page.Locator("#receipt").FillAsync(paid.MpesaReceiptNumber!.ToLowerInvariant());
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync());
        await Expect(page.Locator($"tr[data-payment='{paid.Id}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("1");

        await page.Locator("#receipt").FillAsync(string.Empty);
        await page.Locator("#phone").FillAsync(local);
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync());
        var row = page.Locator($"tr[data-payment='{paid.Id}']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(Msisdn.Mask(paid.PhoneNumber));
        Assert.DoesNotContain(paid.PhoneNumber, await page.ContentAsync(), StringComparison.Ordinal);
        await Screens.TakeAsync(page, "payments");
    }

    [BrowserFact]
    public async Task PaymentPage_ForAViewer_HasNoActionButtons_AndAPostedVerifyIsRefused()
    {
        using var client = console.App.Client();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 90)).Id);
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Viewer);
        await using var _ = context;

        await page.GotoAsync($"/console/payments/{paid.Id}");
        await Expect(page.Locator("ol.timeline li")).Not.ToHaveCountAsync(0);
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        Assert.Equal(0, await page.Locator("main button").CountAsync());
        var token = await ConsolePages.AntiforgeryTokenAsync(page);
        var verify = await ConsolePages.PostFormAsync(context, $"/console/payments/{paid.Id}?handler=Verify",
            new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = token });

        Assert.Equal(403, verify.Status);
        Assert.DoesNotContain(await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Viewer.Actor)), e => e.Action == "payment.verify");
        Assert.DoesNotContain(console.App.Journal.Requests, r => r.Path.EndsWith("transactionstatus/v1/query", StringComparison.Ordinal)
            && r.Body!.Contains(paid.MpesaReceiptNumber!, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Timeline_OfAPaymentWithADuplicateCallbackAVerificationAndAWebhookRetry_TellsEachInOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = console.App.Client();
        await WebhookTests.CreateEndpointAsync(client, receiver, "payment.completed");
        receiver.Answer(503);
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next("0002"), 120)).Id);
        await receiver.WaitForAsync(r => r.Count >= 2);
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;

        await page.GotoAsync($"/console/payments/{paid.Id}");
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync());
        await Expect(page.Locator(".notice")).ToContainTextAsync("Asked Safaricom");
        var timeline = page.Locator("ol.timeline");
        for (var tries = 0; tries < 40 && !(await timeline.InnerTextAsync()).Contains("Verification answered", StringComparison.Ordinal); tries++)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        var titles = await page.Locator("ol.timeline li strong").AllInnerTextsAsync();
        Assert.Contains(titles, t => t.StartsWith("STK callback received: Applied", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("STK callback received: Duplicate", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Verification answered: ", StringComparison.Ordinal) && t.Contains("matches", StringComparison.Ordinal));
        var webhooks = titles.Where(t => t.StartsWith("Webhook payment.completed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, webhooks.Count);
        Assert.EndsWith(": 503", webhooks[0], StringComparison.Ordinal);
        Assert.EndsWith(": 200", webhooks[1], StringComparison.Ordinal);
        Assert.Contains(titles, t => t == $"{ConsoleOperators.Operator.Actor}: payment.verify (Succeeded)");
        var order = new[] { "Payment created", "Attempt 1: push accepted", "STK callback received: Applied", "Payment Completed", "Verification answered" }
            .Select(prefix => titles.ToList().FindIndex(t => t.StartsWith(prefix, StringComparison.Ordinal))).ToList();
        Assert.True(order.All(i => i >= 0) && order.SequenceEqual(order.Order()), string.Join(" | ", titles));
        var bodies = await page.Locator("ol.timeline pre").AllTextContentsAsync();
        Assert.NotEmpty(bodies);
        Assert.All(bodies, body => Assert.DoesNotContain(paid.PhoneNumber, body, StringComparison.Ordinal));
        await page.Locator("ol.timeline details").First.Locator("summary").ClickAsync();
        await Screens.TakeAsync(page, "payment-timeline");
    }

    [BrowserFact]
    public async Task Refund_RequestedByAnOperator_WaitsForADifferentAdmin_ThenIsSentOnce()
    {
        using var client = console.App.Client();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 300)).Id);
        var (operatorContext, operatorPage) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = operatorContext;

        await operatorPage.GotoAsync($"/console/payments/{paid.Id}");
        await operatorPage.Locator("#refundReason").FillAsync("Charged twice at the till");
        await ConsolePages.SubmitAsync(operatorPage, () => operatorPage.GetByRole(AriaRole.Button, new() { Name = "Request a refund (an Admin approves)" }).ClickAsync());
        await Expect(operatorPage.Locator("h1")).ToContainTextAsync(nameof(RefundStatus.AwaitingApproval));
        var refundUrl = operatorPage.Url;
        Assert.Equal(0, Reversals(paid.MpesaReceiptNumber!));
        Assert.Equal(0, await operatorPage.GetByRole(AriaRole.Button, new() { Name = "Approve and send to M-Pesa" }).CountAsync());

        // The requester's own approval would be three eyes, not four: an Admin who asked cannot approve.
        var (adminContext, adminPage) = await console.SignedInPageAsync(ConsoleOperators.Admin);
        await using var __ = adminContext;
        await adminPage.GotoAsync(refundUrl);
        await Screens.TakeAsync(adminPage, "refund-approval");
        await ConsolePages.SubmitAsync(adminPage, () => adminPage.GetByRole(AriaRole.Button, new() { Name = "Approve and send to M-Pesa" }).ClickAsync());
        await Expect(adminPage.Locator(".notice")).ToContainTextAsync("Approved");

        var refund = await client.WaitForRefundAsync(Guid.Parse(refundUrl[(refundUrl.LastIndexOf('/') + 1)..]), r => r.Status == RefundStatus.Succeeded);
        Assert.Equal(1, Reversals(paid.MpesaReceiptNumber!));
        await adminPage.ReloadAsync();
        await Expect(adminPage.Locator("dl.facts")).ToContainTextAsync($"by {ConsoleOperators.Admin.Actor}");
        await Expect(adminPage.Locator("dl.facts")).ToContainTextAsync(refund.ReversalReceiptNumber!);
        var audit = await console.AuditAsync(new AuditFilter(ObjectId: refund.Id.ToString()));
        Assert.Contains(audit, e => (e.Actor, e.Action, e.Outcome) == (ConsoleOperators.Admin.Actor, "refund.approve", Domain.OperatorConsole.AuditOutcome.Succeeded));
        await adminPage.GotoAsync("/console/refunds");
        await Screens.TakeAsync(adminPage, "refunds");
    }

    [BrowserFact]
    public async Task Refund_RequestedByAnAdmin_CannotBeApprovedByThatAdmin_ButByAnother()
    {
        using var client = console.App.Client();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 310)).Id);
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Admin);
        await using var _ = context;
        await page.GotoAsync($"/console/payments/{paid.Id}");
        await page.Locator("#refundReason").FillAsync("Wrong amount");
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Request a refund (an Admin approves)" }).ClickAsync());
        await Expect(page.Locator("#own-request")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Approve and send to M-Pesa" }).CountAsync());
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // Posted anyway (the form is not shown), the command refuses it: still nothing sent.
        var token = await ConsolePages.AntiforgeryTokenAsync(page);
        await ConsolePages.PostFormAsync(context, $"/console/refunds/{id}?handler=Approve", new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = token });
        Assert.Equal(0, Reversals(paid.MpesaReceiptNumber!));
        Assert.Contains(await console.AuditAsync(new AuditFilter(Action: "refund.approve", ObjectId: id)),
            e => e.Outcome == Domain.OperatorConsole.AuditOutcome.Refused && e.Detail!.StartsWith("refund_approval_by_requester", StringComparison.Ordinal));

        var (otherContext, other) = await console.SignedInPageAsync(ConsoleOperators.SecondAdmin);
        await using var __ = otherContext;
        await other.GotoAsync($"/console/refunds/{id}");
        await ConsolePages.SubmitAsync(other, () => other.GetByRole(AriaRole.Button, new() { Name = "Approve and send to M-Pesa" }).ClickAsync());
        await client.WaitForRefundAsync(Guid.Parse(id), r => r.Status == RefundStatus.Succeeded);
        Assert.Equal(1, Reversals(paid.MpesaReceiptNumber!));
    }

    [BrowserFact]
    public async Task CsvExport_OfASearch_HasEveryMatchingPaymentWithMaskedPhones_AndIsAudited()
    {
        using var client = console.App.Client();
        var reference = "CSV-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var posted = await client.PostPaymentAsync(Phones.Next(), 40 + i, reference);
            ids.Add((await posted.Content.ReadFromJsonAsync<Application.Payments.Contracts.PaymentDetails>(ShieldApp.Json))!.Id);
        }

        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;
        await page.GotoAsync($"/console/payments?reference={reference}");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href");
        var csv = await context.APIRequest.GetAsync(href!);

        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"], StringComparison.Ordinal);
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,client,status,amount,phone,account_reference,mpesa_receipt,review_reason,created_at,completed_at", lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(ids.Order(), rows.Select(r => Guid.Parse(r[0])).Order());
        Assert.All(rows, r => Assert.Equal((reference, "demo"), (r[5], r[1])));
        Assert.All(rows, r => Assert.Matches("^2547\\*+\\d\\d$", r[4]));
        Assert.Equal(["40", "41", "42"], rows.Select(r => r[3]).Order());
        var full = await context.APIRequest.GetAsync(href + "&fullPhones=true");
        Assert.Equal(403, full.Status);
        Assert.Contains(await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Operator.Actor, Action: "payments.export")),
            e => e.Detail!.Contains(reference, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task PhoneReveal_ByAnAdmin_ShowsTheNumber_AndIsAudited()
    {
        using var client = console.App.Client();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 70)).Id);
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Admin);
        await using var _ = context;
        await page.GotoAsync($"/console/payments/{paid.Id}");
        await Expect(page.Locator("#phone")).ToHaveTextAsync(Msisdn.Mask(paid.PhoneNumber));

        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Show the full phone number (audited)" }).ClickAsync());

        await Expect(page.Locator("#phone")).ToHaveTextAsync(paid.PhoneNumber);
        Assert.Contains(await console.AuditAsync(new AuditFilter(Action: "phone.reveal", ObjectId: paid.Id.ToString())), e => e.Actor == ConsoleOperators.Admin.Actor);
    }

    [BrowserFact]
    public async Task EveryPage_ForAnOperator_RendersWithLabelledFields_AndIsPictured()
    {
        using var client = console.App.Client();
        await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 500)).Id);
        await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next("0001"), 80)).Id, p => p.Status == PaymentStatus.Failed);
        await client.CreatePaymentAsync(Phones.Next("0000"), 60); // paid, its callback lost: Pending until a query (30 s)
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;

        foreach (var (path, name, heading) in new[]
        {
            ("/console", "overview", "Overview"), ("/console/review", "", "Review queue"), ("/console/waiting", "waiting", "Waiting"),
            ("/console/callbacks", "callbacks", "Callback inbox"), ("/console/webhooks", "webhooks", "Webhooks"), ("/console/audit", "", "Audit log"),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            var (_, unlabelled) = await ConsolePages.UnlabelledFieldsAsync(page);
            Assert.True(unlabelled.Count == 0, $"{path}: {string.Join(", ", unlabelled)}");
            await Expect(page.Locator("header nav a[aria-current='page']")).ToHaveCountAsync(1);
            if (name.Length > 0)
            {
                await Screens.TakeAsync(page, name); // the review queue with an item (CallbackApplyPageTests), the audit log with entries (SignInTests)
            }
        }

        await page.GotoAsync("/console");
        await Expect(page.Locator("svg[role=img] rect")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("section[aria-label='Today']")).ToContainTextAsync("KES");
        await Screens.TakeAsync(page, "overview-phone", Screens.PhoneWidth);
        await page.GotoAsync("/console/waiting");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Check with Safaricom" })).Not.ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task AdminActions_PostedByAnOperator_AreRefused403_Audited_AndChangeNothing()
    {
        using var client = console.App.Client();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 320)).Id);
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;
        await page.GotoAsync($"/console/payments/{paid.Id}");
        await page.Locator("#refundReason").FillAsync("Customer asked");
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Request a refund (an Admin approves)" }).ClickAsync());
        var refund = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var token = new Dictionary<string, string> { [ConsolePages.AntiforgeryField] = await ConsolePages.AntiforgeryTokenAsync(page) };

        var approve = await ConsolePages.PostFormAsync(context, $"/console/refunds/{refund}?handler=Approve", token);
        var reject = await ConsolePages.PostFormAsync(context, $"/console/refunds/{refund}?handler=Reject", new Dictionary<string, string>(token) { ["note"] = "no" });
        var reveal = await ConsolePages.PostFormAsync(context, $"/console/payments/{paid.Id}?handler=Reveal", token);

        Assert.Equal((403, 403, 403), (approve.Status, reject.Status, reveal.Status));
        Assert.DoesNotContain(paid.PhoneNumber, await reveal.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, Reversals(paid.MpesaReceiptNumber!));
        Assert.Equal(RefundStatus.AwaitingApproval, (await client.GetRefundAsync(Guid.Parse(refund))).Status);
        var forbidden = await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Operator.Actor, Action: "forbidden"));
        Assert.Contains(forbidden, e => e.Detail == "POST /Refunds/Detail Approve (role Operator)");
        Assert.Contains(forbidden, e => e.Detail == "POST /Payments/Detail Reveal (role Operator)");
    }

    [BrowserFact]
    public async Task Export_OfAPhoneTypedWithSpaces_IsAuditedWithThePhoneMasked_AndABadReceiptIsExplainedOnThePage()
    {
        using var client = console.App.Client();
        var local = Phones.Next();
        await client.WaitForAsync((await client.CreatePaymentAsync(local, 55)).Id);
        var spaced = $"{local[..4]} {local[4..7]} {local[7..]}";
        var (context, page) = await console.SignedInPageAsync(ConsoleOperators.Operator);
        await using var _ = context;
        await page.GotoAsync("/console/payments");
        await page.Locator("#phone").FillAsync(spaced);
        await ConsolePages.SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync());
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("1");
        var csv = await context.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).GetAttributeAsync("href"))!);
        Assert.Equal(2, (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var entry = (await console.AuditAsync(new AuditFilter(Actor: ConsoleOperators.Operator.Actor, Action: "payments.export")))[0];
        Assert.Contains("1 rows", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(local[4..7], entry.Detail, StringComparison.Ordinal);
        await page.GotoAsync("/console/audit");
        Assert.DoesNotContain(local[4..7] + "+" + local[7..], await page.ContentAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/console/payments?receipt=abc-1");
        await Expect(page.Locator(".problem")).ToBeVisibleAsync();
        var export = await context.APIRequest.GetAsync("/console/payments/export?receipt=abc-1");
        Assert.Equal(400, export.Status);
    }

    private int Reversals(string receipt) =>
        console.App.Journal.Requests.Count(r => r.Path.EndsWith("reversal/v1/request", StringComparison.Ordinal) && r.Body!.Contains(receipt, StringComparison.Ordinal));
}
