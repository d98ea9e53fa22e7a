using System.Text.Json;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Persistence;

/// <summary>
/// GET reads through the query side: a compiled projection of the payment's columns, not the aggregate. What a client
/// sees must not depend on which side answered, so each test stores a payment in one state, on the engine the suite
/// runs on, and compares the reader's answer with the aggregate mapped by the commands' Mapster mapping.
/// </summary>
public sealed class PaymentDetailsReaderTests(MigratedApp host) : IClassFixture<MigratedApp>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly ClientId Shop = new("shop");

    public Task InitializeAsync() => host.App.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FindAsync_PushNotAnsweredYet_ReadsAsTheAggregateMaps()
    {
        await AssertReadsAsTheAggregateMaps(NewPayment());
    }

    [Fact]
    public async Task FindAsync_RejectedThenRetried_ReadsBothAttempts()
    {
        var payment = NewPayment();
        payment.RecordPushRejected(1, new PushRejection("500.001.1001", "Unable to lock subscriber"), Now).Must();
        payment.Retry(3, Now.AddMinutes(1)).Must();
        payment.RecordPushAccepted(2, "m-2", $"ws_CO_{Guid.NewGuid():N}", Now.AddMinutes(1)).Must();

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.Equal([1, 2], details.Attempts.Select(a => a.Number));
    }

    [Fact]
    public async Task FindAsync_ExpiredWithoutAnAnswer_ReadsTheExpiryAndAFailureWithoutResultCode()
    {
        var payment = NewPayment();
        payment.RecordPushAccepted(1, "m-1", $"ws_CO_{Guid.NewGuid():N}", Now).Must();
        Reconciliation.Expire(payment, 1, Now.AddMinutes(10)).Must();

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.Equal(PaymentStatus.Expired, details.Status);
        Assert.NotNull(details.Failure);
        Assert.Null(details.Failure.ResultCode);
    }

    [Fact]
    public async Task FindAsync_SuccessConfirmedByQuery_ReadsCompletedWithoutAReceipt()
    {
        var payment = NewPayment();
        var checkout = $"ws_CO_{Guid.NewGuid():N}";
        payment.RecordPushAccepted(1, "m-1", checkout, Now).Must();
        payment.ApplyStkResult(new StkResult(checkout, "0", "ok", null, ResultSource.Query), Now.AddMinutes(1)).Must();

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.Equal(PaymentStatus.Completed, details.Status);
        Assert.Null(details.MpesaReceiptNumber);
        Assert.Equal(ResultSource.Query, details.Attempts[0].ResultSource);
    }

    [Fact]
    public async Task FindAsync_PaidADifferentAmount_ReadsTheReviewReason()
    {
        var payment = Paid(NewPayment(), NewReceipt(), 1);

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.Equal("amount_mismatch", details.ReviewReason);
    }

    [Theory]
    [InlineData(VerificationStatus.Requested, null)]
    [InlineData(VerificationStatus.Confirmed, true)]
    [InlineData(VerificationStatus.Mismatch, false)]
    [InlineData(VerificationStatus.Failed, null)]
    [InlineData(VerificationStatus.TimedOut, null)]
    public async Task FindAsync_Verification_ReadsItsStatusAndWhetherItMatches(VerificationStatus status, bool? matches)
    {
        var receipt = NewReceipt();
        var payment = Paid(NewPayment(), receipt, 150);
        Verification.Request(payment, "AG_1", "orig-1", Now.AddMinutes(5)).Must();
        TransactionStatusReport? report = status switch
        {
            VerificationStatus.Confirmed => new("AG_1", "orig-1", "0", "ok", receipt, 150.00m, "Completed", Now, TimedOut: false),
            VerificationStatus.Mismatch => new("AG_1", "orig-1", "0", "ok", receipt, 1.00m, "Completed", Now, TimedOut: false),
            VerificationStatus.Failed => new("AG_1", "orig-1", "2001", "The initiator information is invalid.", null, null, null, null, TimedOut: false),
            VerificationStatus.TimedOut => new("AG_1", "orig-1", "1", "timed out", null, null, null, null, TimedOut: true),
            _ => null,
        };
        if (report is not null)
        {
            Verification.Record(payment, report, Now.AddMinutes(6)).Must();
        }

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.NotNull(details.Verification);
        Assert.Equal(status, details.Verification.Status);
        Assert.Equal(matches, details.Verification.Matches);
    }

    [Fact]
    public async Task FindAsync_CancelledOnThePhone_ReadsItsFailure()
    {
        var payment = NewPayment();
        var checkout = $"ws_CO_{Guid.NewGuid():N}";
        payment.RecordPushAccepted(1, "m-1", checkout, Now).Must();
        payment.ApplyStkResult(new StkResult(checkout, "1032", "Request cancelled by user", null), Now.AddSeconds(20)).Must();

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.Equal(PaymentStatus.Cancelled, details.Status);
        Assert.NotNull(details.Failure);
    }

    [Fact]
    public async Task FindAsync_CompletedAndVerified_ReadsTheReceiptAndTheVerification()
    {
        var receipt = NewReceipt();
        var payment = Paid(NewPayment(), receipt, 150);
        Verification.Request(payment, "AG_1", "orig-1", Now.AddMinutes(5)).Must();
        Verification.Record(payment, new TransactionStatusReport("AG_1", "orig-1", "0", "ok", receipt, 150.00m, "Completed", Now, TimedOut: false),
            Now.AddMinutes(6)).Must();

        var details = await AssertReadsAsTheAggregateMaps(payment);

        Assert.Equal(receipt, details.MpesaReceiptNumber);
        Assert.True(details.Verification?.Matches);
    }

    [Fact]
    public async Task FindAsync_AnotherClientsPaymentOrAnUnknownId_IsNotFound()
    {
        var payment = NewPayment();
        await host.SaveAsync(payment);

        await using var scope = host.App.Scope();
        var reader = scope.ServiceProvider.GetRequiredService<IPaymentDetailsReader>();
        Assert.Null(await reader.FindAsync(new ClientId("kiosk"), payment.Id, CancellationToken.None));
        Assert.Null(await reader.FindAsync(Shop, PaymentId.New(), CancellationToken.None));
    }

    /// <summary>No SQL Server runs here: the uncompiled form of the same expression is translated (compiling translates alike).</summary>
    [Fact]
    public void Definition_OnSqlServer_TranslatesToValidTSql()
    {
        using var db = MigrationsTests.Context("SqlServer");
        var query = host.App.Services.GetRequiredService<PaymentDetailsProjection>();

        var sql = query.Definition.Compile()(db, PaymentId.New(), Shop).ToQueryString();
        Assert.Contains("EXISTS", sql, StringComparison.Ordinal); // whether it has refunds, in the same statement

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.Empty(errors);
        Assert.Contains("LEFT JOIN [PaymentAttempts]", sql, StringComparison.Ordinal);
    }

    /// <summary>Accepted, then paid by callback with this receipt and amount.</summary>
    private static Payment Paid(Payment payment, string receipt, decimal amount)
    {
        var checkout = $"ws_CO_{Guid.NewGuid():N}";
        payment.RecordPushAccepted(1, "m-1", checkout, Now).Must();
        payment.ApplyStkResult(new StkResult(checkout, "0", "ok", new Receipt(receipt, amount, Now, payment.PhoneNumber.Value)), Now.AddSeconds(9)).Must();
        return payment;
    }

    private static string NewReceipt() => $"R{Guid.NewGuid():N}"[..10].ToUpperInvariant();

    private static Payment NewPayment() =>
        Payment.Initiate(PaymentId.New(), Shop, null, Msisdn.Parse(Phones.Next()), new Amount(150),
            AccountReference.Parse("INV-7"), Description.Default, Now);

    /// <summary>Stores the payment, then reads it both ways; they must serialize identically.</summary>
    private async Task<PaymentDetails> AssertReadsAsTheAggregateMaps(Payment payment)
    {
        await host.SaveAsync(payment);

        await using var scope = host.App.Scope();
        var services = scope.ServiceProvider;
        var read = await services.GetRequiredService<IPaymentDetailsReader>().FindAsync(Shop, payment.Id, CancellationToken.None);
        var loaded = await services.GetRequiredService<IPaymentRepository>().FindAsync(payment.Id, Shop, CancellationToken.None);
        var mapped = loaded!.Adapt<PaymentDetails>(services.GetRequiredService<TypeAdapterConfig>());

        Assert.NotNull(read);
        // The reader adds the payment's refunds (none here), which the aggregate alone does not know.
        Assert.Equal((0, 0), (read.RefundedAmount, read.Refunds!.Count));
        Assert.Equal(JsonSerializer.Serialize(mapped, ShieldApp.Json), JsonSerializer.Serialize(read with { RefundedAmount = null, Refunds = null }, ShieldApp.Json));
        return read;
    }

}
