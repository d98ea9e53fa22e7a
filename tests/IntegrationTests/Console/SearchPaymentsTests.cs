using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.SearchPayments;
using Shield.Application.Payments.StreamPayments;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>The console's payment search across every client (issue 16), through the host's mediator, on payments made through the API.</summary>
public sealed class SearchPaymentsTests
{
    private const string OtherKey = "other-client-key";

    private static Dictionary<string, string?> Settings(string callbackDelay = "00:00:00.100") => new()
    {
        ["Simulator:CallbackDelay"] = callbackDelay,
        ["Reconciliation:Enabled"] = "false",
        ["ApiClients:1:Id"] = "other",
        ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
    };

    [Fact]
    public async Task Search_ByPhoneInEveryAcceptedFormat_FindsThePaymentStoredAs2547()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var local = Phones.Next();
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(local, 75)).Id);
        _ = await client.CreatePaymentAsync(Phones.Next(), 75);

        foreach (var typed in new[] { local, local[1..], Phones.Msisdn(local), "+" + Phones.Msisdn(local), $"{local[..4]} {local[4..7]} {local[7..]}" })
        {
            var page = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(PhoneNumber: typed)));
            var row = Assert.Single(page.Items);
            Assert.Equal(1, page.TotalCount);
            Assert.Equal(paid.Id, row.Id);
            Assert.Equal(Phones.Msisdn(local), row.PhoneNumber);
            Assert.Equal("demo", row.ClientId);
            Assert.Equal(PaymentStatus.Completed, row.Status);
            Assert.Equal(paid.MpesaReceiptNumber, row.MpesaReceiptNumber);
            Assert.Equal(75, row.Amount);
            Assert.NotNull(row.CompletedAt);
        }
    }

    [Fact]
    public async Task Search_ByReceipt_FindsThePaymentsReceipt_AndTheReceiptOfASuccessThatDidNotFit()
    {
        await using var app = new ShieldApp(Settings(callbackDelay: "01:00:00"));
        using var client = app.Client();
        var paid = await client.CreatePaymentAsync(Phones.Next(), 90);
        var paidReceipt = OperatorQueries.NewReceipt();
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(paid.Attempts[0].CheckoutRequestId!, 90, paidReceipt))).Dispose();
        var mismatched = await client.CreatePaymentAsync(Phones.Next(), 500);
        var strayReceipt = OperatorQueries.NewReceipt();
        (await app.Anonymous().PostCallbackAsync(StkCallbacks.Success(mismatched.Attempts[0].CheckoutRequestId!, 5, strayReceipt))).Dispose();

        var byPaymentReceipt = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(ReceiptNumber: paidReceipt)));
        var byAttemptReceipt = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(ReceiptNumber: " " + strayReceipt.ToLowerInvariant())));

        Assert.Equal(paid.Id, Assert.Single(byPaymentReceipt.Items).Id);
        var flagged = Assert.Single(byAttemptReceipt.Items);
        Assert.Equal(mismatched.Id, flagged.Id);
        Assert.Null(flagged.MpesaReceiptNumber); // not applied: the receipt is the attempt's only
        Assert.Equal("amount_mismatch", flagged.ReviewReason);
    }

    [Fact]
    public async Task Search_AcrossClients_FiltersByClientAndAccountReference_AndPagesNewestFirstWithTheTotal()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);
        var reference = "OPS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var ours = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var created = await client.PostPaymentAsync(Phones.Next(), 10 + i, reference);
            ours.Add((await created.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!.Id);
        }

        using var theirs = await other.PostPaymentAsync(Phones.Next(), 40, reference);
        var theirId = (await theirs.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!.Id;

        var all = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(AccountReference: reference), Page: 1, PageSize: 3));
        var secondPage = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(AccountReference: reference), Page: 2, PageSize: 3));
        var otherClient = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(AccountReference: reference, ClientId: "other")));
        var byId = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(PaymentId: ours[1])));

        Assert.Equal(4, all.TotalCount);
        Assert.Equal([theirId, ours[2], ours[1]], all.Items.Select(r => r.Id));
        Assert.Equal([ours[0]], secondPage.Items.Select(r => r.Id));
        var their = Assert.Single(otherClient.Items);
        Assert.Equal(("other", theirId), (their.ClientId, their.Id));
        Assert.Equal(ours[1], Assert.Single(byId.Items).Id);
    }

    [Fact]
    public async Task Search_ByStatusAndCreationTime_KeepsOnlyThoseInTheRange()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var before = DateTimeOffset.UtcNow;
        var paid = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next(), 33)).Id);
        var cancelled = await client.WaitForAsync((await client.CreatePaymentAsync(Phones.Next("1032"), 33)).Id);
        var after = DateTimeOffset.UtcNow;

        var completed = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(Status: PaymentStatus.Completed,
            CreatedFrom: before.ToOffset(TimeSpan.FromHours(3)), CreatedTo: after)));
        var later = await app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(CreatedFrom: after.AddSeconds(1))));

        Assert.Equal(PaymentStatus.Cancelled, cancelled.Status);
        Assert.Equal([paid.Id], completed.Items.Select(r => r.Id));
        Assert.Empty(later.Items);
        Assert.Equal(0, later.TotalCount);
    }

    [Fact]
    public async Task Stream_YieldsEveryFilteredPayment_NewestFirst_AndNoOther()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var reference = "CSV-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var exported = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            using var created = await client.PostPaymentAsync(Phones.Next(), 20 + i, reference);
            exported.Add((await created.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!.Id);
        }

        _ = await client.CreatePaymentAsync(Phones.Next(), 20);

        var rows = await app.StreamAsync(new StreamPaymentsQuery(new PaymentSearchCriteria(AccountReference: reference)));

        Assert.Equal(Enumerable.Reverse(exported), rows.Select(r => r.Id));
        Assert.All(rows, r => Assert.Equal(reference, r.AccountReference));
        Assert.Equal(Enumerable.Range(20, 7).Reverse(), rows.Select(r => r.Amount));
    }

    [Fact]
    public async Task SearchAndStream_APhoneThatIsNoSafaricomNumber_AreRefusedAsInvalid()
    {
        await using var app = new ShieldApp(Settings());
        app.Anonymous().Dispose();

        await Assert.ThrowsAsync<ValidationException>(() => app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(PhoneNumber: "0812345678"))));
        await Assert.ThrowsAsync<ValidationException>(() => app.StreamAsync(new StreamPaymentsQuery(new PaymentSearchCriteria(PhoneNumber: "+0712345678"))));
        await Assert.ThrowsAsync<ValidationException>(() => app.QueryAsync(new SearchPaymentsQuery(new PaymentSearchCriteria(), PageSize: 500)));
    }
}
