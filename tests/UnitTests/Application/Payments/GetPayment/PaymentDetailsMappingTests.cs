using Microsoft.Extensions.Configuration;
using System.Reflection;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Shield.Application.Payments.Contracts;
using Shield.Application;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.GetPayment;

public sealed class PaymentDetailsMappingTests
{
    [Fact]
    public void Compile_StrictConfigFromScannedAssembly_DoesNotThrow()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.Scan(typeof(PaymentDetails).Assembly);

        var exception = Record.Exception(() => config.Compile());

        Assert.Null(exception);
    }

    [Fact]
    public void Adapt_CancelledPayment_GivesEveryDetail()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 150);
        var settledAt = TestPayments.Now.AddSeconds(40);
        payment.ApplyStkResult(TestPayments.Failure("1032", "Request cancelled by user"), settledAt).Must();

        var details = payment.Adapt<PaymentDetails>(Mapping.Create());

        Assert.Equal(payment.Id.Value, details.Id);
        Assert.Equal(PaymentStatus.Cancelled, details.Status);
        Assert.Equal(150, details.Amount);
        Assert.Equal("KES", details.Currency);
        Assert.Equal("254708374149", details.PhoneNumber);
        Assert.Equal("INV-001", details.AccountReference);
        Assert.Equal("Shield plan", details.Description);
        Assert.Null(details.MpesaReceiptNumber);
        Assert.Null(details.ReviewReason);
        Assert.Equal(TestPayments.Now, details.CreatedAt);
        Assert.Equal(settledAt, details.UpdatedAt);
        Assert.Null(details.CompletedAt);
        Assert.Equal(new FailureDetails
        {
            Code = "cancelled_by_customer",
            ResultCode = "1032",
            Message = payment.Failure!.Message,
            Retriable = true,
        }, details.Failure);
        var attempt = Assert.Single(details.Attempts);
        Assert.Equal(new AttemptDetails
        {
            Number = 1,
            Status = AttemptStatus.Cancelled,
            CheckoutRequestId = TestPayments.CheckoutRequestId,
            MerchantRequestId = TestPayments.MerchantRequestId,
            ResultCode = "1032",
            ResultDescription = "Request cancelled by user",
            ReceiptNumber = null,
            ResultSource = ResultSource.Callback,
            CreatedAt = TestPayments.Now,
            SentAt = TestPayments.Now.AddSeconds(1),
            CompletedAt = settledAt,
        }, attempt);
    }

    [Fact]
    public void Adapt_CompletedPayment_GivesReceiptAndNoFailure()
    {
        var payment = TestPayments.AwaitingCustomer();
        var paidAt = TestPayments.Now.AddSeconds(20);
        payment.ApplyStkResult(TestPayments.Success(), paidAt).Must();

        var details = payment.Adapt<PaymentDetails>(Mapping.Create());

        Assert.Equal(PaymentStatus.Completed, details.Status);
        Assert.Equal(TestPayments.ReceiptNumber, details.MpesaReceiptNumber);
        Assert.Equal(paidAt, details.CompletedAt);
        Assert.Null(details.Failure);
        Assert.Equal(TestPayments.ReceiptNumber, Assert.Single(details.Attempts).ReceiptNumber);
    }

    [Fact]
    public void Adapt_FlaggedPayment_ShowsReviewReason()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 100);
        payment.ApplyStkResult(TestPayments.Success(amount: 1), TestPayments.Now).Must();

        var details = payment.Adapt<PaymentDetails>(Mapping.Create());

        Assert.Equal("amount_mismatch", details.ReviewReason);
        Assert.Equal(PaymentStatus.Pending, details.Status);
    }

    [Fact]
    public void Adapt_ThreeAttempts_AreListedOldestFirst()
    {
        var payment = WithThreeAttempts();

        var details = payment.Adapt<PaymentDetails>(Mapping.Create());

        Assert.Equal([1, 2, 3], details.Attempts.Select(a => a.Number));
        Assert.Equal([AttemptStatus.Cancelled, AttemptStatus.Expired, AttemptStatus.AwaitingCustomer], details.Attempts.Select(a => a.Status));
    }

    [Fact]
    public void Adapt_AttemptsLoadedOutOfOrder_AreStillListedByNumber()
    {
        var payment = WithThreeAttempts();
        // EF fills the attempts' backing field in whatever order the database returns the rows.
        var attempts = (List<PaymentAttempt>)typeof(Payment).GetField("_attempts", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(payment)!;
        attempts.Reverse();
        (attempts[0], attempts[1]) = (attempts[1], attempts[0]); // 2, 3, 1

        var details = payment.Adapt<PaymentDetails>(Mapping.Create());

        Assert.Equal([1, 2, 3], details.Attempts.Select(a => a.Number));
        Assert.Equal([TestPayments.CheckoutRequestId, "ws_CO_2", "ws_CO_3"], details.Attempts.Select(a => a.CheckoutRequestId));
    }

    /// <summary>Attempt 1 cancelled, attempt 2 expired (1037), attempt 3 awaiting the customer.</summary>
    private static Payment WithThreeAttempts()
    {
        var payment = TestPayments.AwaitingCustomer(amount: 150);
        payment.ApplyStkResult(TestPayments.Failure("1032"), TestPayments.Now.AddMinutes(1)).Must();
        Assert.True(payment.Retry(3, TestPayments.Now.AddMinutes(2)).IsSuccess);
        payment.RecordPushAccepted(2, "m-2", "ws_CO_2", TestPayments.Now.AddMinutes(2)).Must();
        payment.ApplyStkResult(TestPayments.Failure("1037", "DS timeout user cannot be reached", "ws_CO_2"), TestPayments.Now.AddMinutes(3)).Must();
        Assert.True(payment.Retry(3, TestPayments.Now.AddMinutes(4)).IsSuccess);
        payment.RecordPushAccepted(3, "m-3", "ws_CO_3", TestPayments.Now.AddMinutes(4)).Must();
        return payment;
    }

    [Fact]
    public void Adapt_WithTheConfigAddApplicationRegisters_MapsPaymentsAndRefusesUnmappedTypes()
    {
        using var provider = new ServiceCollection().AddApplication(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var config = provider.GetRequiredService<TypeAdapterConfig>();
        var payment = TestPayments.AwaitingCustomer(amount: 150);

        var details = payment.Adapt<PaymentDetails>(config);

        Assert.Equal(payment.Id.Value, details.Id);
        Assert.Equal(TestPayments.CheckoutRequestId, Assert.Single(details.Attempts).CheckoutRequestId);
        // Nothing is mapped by convention: a pair without its explicit configuration is an error, even where names match.
        Assert.Throws<CompileException>(() => details.Attempts[0].Adapt<AttemptDetails>(config));
    }

    [Fact]
    public void Register_NoConfig_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new Shield.Application.Payments.Common.PaymentDetailsMapping().Register(null!));
    }
}
